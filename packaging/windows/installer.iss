; Inno Setup 6 script: a Windows installer for the one-folder bundle.
;
;   1. build the bundle on Windows: packaging\windows\build.ps1 (dist\tram-ky-nang-so\)
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\installer.iss
;      -> dist\tram-ky-nang-so-<version>-windows-x64-setup.exe
;
; Installs into Program Files, adds Start menu entries (the kiosk, and a command prompt in
; its folder for `kiosk.exe backup`, `kiosk.exe lessons check`...), optionally a desktop
; icon and kiosk mode at every sign-in (the all-users Startup folder), and an uninstaller.
; Uninstalling removes the program only: each Windows user's data (database, keys, backups,
; settings, logs under %LOCALAPPDATA%\tram-ky-nang-so) stays.
; NOT TRIED: this script has not been compiled nor run; see packaging/README.md.

#define AppName "Trạm Kỹ năng số"
#define AppFolder "tram-ky-nang-so"
#define AppExe "tram-ky-nang-so.exe"
#define AppVersion "0.1.0"
#define Bundle "..\..\dist\tram-ky-nang-so"

[Setup]
; A fixed id: an update installs over the earlier version instead of beside it.
AppId={{6C2E7A54-3B8F-4E0B-9D1A-5A7C2F1E9B30}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Trạm Kỹ năng số
DefaultDirName={autopf}\{#AppFolder}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppFolder}-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\tram-ky-nang-so.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The kiosk may be running (kiosk mode): ask it to close before files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup's Vietnamese messages are an unofficial translation, not installed with it:
; put Vietnamese.isl from jrsoftware.org/files/istrans/ into its Languages folder and the
; installer speaks Vietnamese (it is then the only language offered).
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#endif

[CustomMessages]
en.KioskMode=Start the kiosk full screen whenever anyone signs in to this PC (kiosk mode)
en.PromptHere=Command prompt for Trạm Kỹ năng số (kiosk.exe)
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
vi.KioskMode=Mở trạm toàn màn hình mỗi khi đăng nhập vào máy này (chế độ trạm)
vi.PromptHere=Cửa sổ lệnh của Trạm Kỹ năng số (kiosk.exe)
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "kioskmode"; Description: "{cm:KioskMode}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle whole: files a newer version no longer ships must not stay.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:PromptHere}"; Filename: "{cmd}"; Parameters: "/k kiosk.exe --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "run"; WorkingDir: "{app}"; Tasks: kioskmode

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
