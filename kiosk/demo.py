"""The demo commune the kiosk starts with, so it runs at once on a new machine.

A real-looking ward after the 2025 reorganisation (province and commune levels only, no
district). Staff replace it with their own commune in the settings.
"""

DEMO_COMMUNE = "Phường Châu Đốc"
DEMO_PROVINCE = "Tỉnh An Giang"
DEMO_HAMLETS: tuple[str, ...] = (
    "Khóm Châu Long 1",
    "Khóm Châu Long 2",
    "Khóm Châu Long 3",
    "Khóm Châu Quới 1",
    "Khóm Châu Quới 2",
    "Khóm Vĩnh Đông 1",
    "Khóm Vĩnh Đông 2",
    "Khóm Vĩnh Tây 1",
    "Khóm Vĩnh Tây 2",
    "Khóm Mỹ Chánh",
    "Khóm Mỹ Thành",
    "Khóm Hòa Thạnh",
)

# Who signs the demo ward's certificates: a made-up name, to be set by the commune.
DEMO_SIGNER_TITLE = "TM. Ủy ban nhân dân phường"
DEMO_SIGNER_NAME = "Trần Văn Mẫu"
