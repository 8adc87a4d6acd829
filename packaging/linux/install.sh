#!/bin/sh
# Install Facilitator from this folder, for you alone (no root) or for everyone (--system).
#
#   ./install.sh               copies the app to ~/.local/lib/facilitator, the command to ~/.local/bin
#   sudo ./install.sh --system copies the app to /opt/facilitator, the command to /usr/local/bin
#   ./install.sh --prefix DIR  installs under DIR (DIR/lib/facilitator, DIR/bin, DIR/share)
#   ./install.sh --uninstall   removes what the same command installed (add --system / --prefix)
#
# It adds Facilitator to the applications menu, associates .facilitator files with it, and installs
# its icons. Your partnership files are never touched, installing or uninstalling.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=org.facilitator.Facilitator
MIME_ICON=application-x-facilitator
MODE=user
ACTION=install
PREFIX=

while [ $# -gt 0 ]; do
    case "$1" in
        --system) MODE=system ;;
        --prefix) PREFIX=${2:?--prefix needs a folder}; MODE=prefix; shift ;;
        --uninstall) ACTION=uninstall ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

case "$MODE" in
    user)
        APP_DIR="$HOME/.local/lib/facilitator"
        BIN_DIR="$HOME/.local/bin"
        SHARE="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
    system)
        APP_DIR=/opt/facilitator
        BIN_DIR=/usr/local/bin
        SHARE=/usr/local/share ;;
    prefix)
        mkdir -p "$PREFIX"
        PREFIX=$(cd "$PREFIX" && pwd)
        APP_DIR="$PREFIX/lib/facilitator"
        BIN_DIR="$PREFIX/bin"
        SHARE="$PREFIX/share" ;;
esac

refresh() {  # the desktop's caches; each tool is optional
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$SHARE/mime" >/dev/null 2>&1 || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$SHARE/applications" 2>/dev/null || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" 2>/dev/null || true
    fi
}

icon_files() {  # the icon files this package installs, relative to share/icons
    (cd "$HERE/share/icons" && find . -type f | sed 's|^\./||')
}

if [ "$ACTION" = uninstall ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN_DIR/facilitator" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml" \
          "$SHARE/mime/packages/$APP_ID.xml"
    for icon in $(icon_files); do rm -f "$SHARE/icons/$icon"; done
    refresh
    echo "Facilitator is uninstalled. Your partnership files were not touched."
    exit 0
fi

if [ "$MODE" = system ] && [ "$(id -u)" != 0 ]; then
    echo "install.sh: --system needs root (sudo ./install.sh --system), or install for yourself without it" >&2
    exit 1
fi

# The app folder: replaced whole, so no file of an older version lingers.
mkdir -p "$(dirname "$APP_DIR")" "$BIN_DIR"
rm -rf "$APP_DIR.new"
mkdir "$APP_DIR.new"
cp -a "$HERE/facilitator" "$HERE/_internal" "$APP_DIR.new/"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
ln -sf "$APP_DIR/facilitator" "$BIN_DIR/facilitator"

# Menu entry (with the full path, so it works when BIN_DIR is not on the desktop's PATH),
# software-centre metadata, the .facilitator file type, and icons.
mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/mime/packages"
sed -e "s|^Exec=facilitator |Exec=$APP_DIR/facilitator |" -e "s|^TryExec=facilitator\$|TryExec=$APP_DIR/facilitator|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
cp "$HERE/share/mime/packages/$APP_ID.xml" "$SHARE/mime/packages/"
for icon in $(icon_files); do
    mkdir -p "$(dirname "$SHARE/icons/$icon")"
    cp "$HERE/share/icons/$icon" "$SHARE/icons/$icon"
done
refresh

echo "Facilitator is installed in $APP_DIR."
echo "Open it from your applications menu, by double-clicking a .facilitator file, or with: $BIN_DIR/facilitator"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "(To type just 'facilitator' in a terminal, add $BIN_DIR to your PATH.)" ;;
esac
