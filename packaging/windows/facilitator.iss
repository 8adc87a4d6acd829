; Inno Setup 6 script: the Windows installer for Facilitator.
;
; Build the app first (python packaging\build.py on Windows), then, in cmd.exe at the repository root:
;   iscc /DAppVersion=0.1.0 "/DSourceDir=%CD%\dist\pyinstaller\Facilitator" "/O%CD%\dist" packaging\windows\facilitator.iss
; (python packaging\build.py --installer runs exactly that when ISCC.exe is on PATH.) Relative paths
; in this script are relative to this folder; hence the absolute SourceDir. Needs Inno Setup 6.3+.
;
; It installs for the current user without administrator rights by default (into
; %LOCALAPPDATA%\Programs\Facilitator); an administrator can choose "all users" instead. It adds a
; Start-menu entry, optionally a desktop shortcut, opens .facilitator files with the app, and
; uninstalls cleanly. It never touches the user's partnership files.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pyinstaller\Facilitator"
#endif

#define AppName "Facilitator"
#define AppExe "Facilitator.exe"
#define ProgId "Facilitator.Partnership"
#define Extension ".facilitator"
#define MimeType "application/x-facilitator"

[Setup]
; AppId identifies the app across upgrades: never change it.
AppId={{3A7E6624-2BB5-4E01-93EF-A0BDE55FA230}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Facilitator team
AppComments=Run multi-agency partnership workshops, offline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
WizardStyle=modern
SetupIconFile=..\..\resources\icons\facilitator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no library of an older version is left to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Run partnership workshops, offline"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .facilitator files open with Facilitator: a ProgID, the extension pointing at it, and the app
; listed under "Open with". HKA is HKCU for a per-user install and HKLM for an all-users one.
Root: HKA; Subkey: "Software\Classes\{#Extension}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#Extension}"; ValueType: string; ValueName: "Content Type"; ValueData: "{#MimeType}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#Extension}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Facilitator partnership"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#Extension}"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
