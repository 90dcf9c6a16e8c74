"""Certificates: what one says, as plain data shared by the token, the PDF and the printer.

A resident who completes a skill gets a certificate for it; one who completes all five
gets "Công dân số". Each has a unique serial and a QR code carrying a signed token
(Ed25519) with the certificate's own fields, so it verifies without a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.db.models import CertificateKind
from kiosk.skills import Skill

__all__ = ["CertificateData", "CertificateKind"]


@dataclass(frozen=True)
class CertificateData:
    """Everything a certificate prints. Text is NFC, as stored."""

    serial: str
    kind: CertificateKind
    skills: tuple[Skill, ...]  # one for a skill certificate; all five for "Công dân số"
    completed_on: tuple[date, ...]  # when each of `skills` was completed, same order
    resident_name: str
    birth_year: int
    hamlet: str  # khóm/ấp
    commune: str
    province: str
    issued_on: date
    signer_title: str
    signer_name: str
    key_id: str  # the issuing commune's key (see kiosk.certificates.keys)
