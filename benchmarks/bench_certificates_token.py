"""Verifying one certificate token, as the "Kiểm tra chứng nhận" screen and `kiosk verify`
do once the QR code is scanned: base32, the Ed25519 signature, inflating the texts, building
the certificate's fields. Revocation is looked up by the caller and not timed here.

The baseline is the Ed25519 signature check alone on the same bytes, so the row shows what
the format adds around the cryptography. Target, from the certificates issue: median under
5 ms.
"""

from __future__ import annotations

import base64
import time
from datetime import date

from benchmarks.registry import Options, Row, Sample, register

FIGURE = "verify one certificate token"
#: Single verifications timed per round; each is its own sample.
PER_ROUND = 200


@register("certificate-verify", "verifying one signed certificate token (QR code)")
def certificate_verify(options: Options) -> list[Row]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.certificates import CertificateData, CertificateKind
    from kiosk.certificates import token as tokens
    from kiosk.certificates.keys import TrustedKey, key_id_of
    from kiosk.skills import Skill

    private = Ed25519PrivateKey.generate()
    key_id = key_id_of(private.public_key())
    trusted = {key_id: TrustedKey(key_id, private.public_key(), "Phường Châu Đốc",
                                  "Tỉnh An Giang", own=True)}
    data = CertificateData(
        serial="2026-K7Q3MX", kind=CertificateKind.ALL_SKILLS, skills=tuple(Skill),
        completed_on=tuple(date(2026, 3, 10 + i) for i in range(5)),
        resident_name="Nguyễn Thị Ánh Hồng", birth_year=1962, hamlet="Khóm Châu Long 1",
        commune="Phường Châu Đốc", province="Tỉnh An Giang", issued_on=date(2026, 3, 20),
        signer_title="TM. Ủy ban nhân dân phường", signer_name="Trần Văn Mẫu", key_id=key_id)
    text = tokens.qr_text(tokens.encode(data, private), "https://xa.example.vn/kiem-tra#")
    token = text.rsplit("#", 1)[1]
    signed = base64.b32decode(token + "=" * (-len(token) % 8))
    body, signature = signed[:-64], signed[-64:]
    public = private.public_key()

    subject, baseline = Sample("kiosk"), Sample("Ed25519 verify alone")
    for round_ in range(options.warmup + options.repeat):
        for _ in range(PER_ROUND):
            start = time.perf_counter()
            result = tokens.verify(text, trusted, lambda serial: (False, None))
            took = time.perf_counter() - start
            start = time.perf_counter()
            public.verify(signature, body)
            plain = time.perf_counter() - start
            if round_ >= options.warmup:
                subject.seconds.append(took)
                baseline.seconds.append(plain)
        if result.status is not tokens.Status.VALID or result.data != data:
            return [Row(FIGURE, subject, baseline, error=f"verdict {result.status}")]
    return [Row(f"{FIGURE} ({len(text)} characters with address)", subject, baseline,
                max_median=0.005)]
