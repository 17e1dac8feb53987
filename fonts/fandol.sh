#!/bin/sh
# fandol.sh: install the Fandol faces (仿宋, 宋 regular and bold, 黑, 楷) the
# bulletins are set in, from Debian's texlive-lang-chinese package without
# installing that package (it pulls in TeX Live: 150 packages). The .deb
# (49 MB) is fetched with apt-get download, the five .otf files (32 MB) and
# the package's copyright file are taken out of it with dpkg-deb, and put
# in $DEST. fonts/fonts.lock pins their SHA-256; fonts.c refuses any other
# bytes. Run as root (make deps does); costs about 10 s on a CI machine.
# Usage: sh fonts/fandol.sh [DEST]   (default /usr/share/fonts/opentype/fandol)
set -eu
PKG=texlive-lang-chinese
VER=2022.20230122-1
DEST=${1:-/usr/share/fonts/opentype/fandol}
SRC=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FACES="FandolFang-Regular.otf FandolSong-Regular.otf FandolSong-Bold.otf
FandolHei-Regular.otf FandolKai-Regular.otf"
work=$(mktemp -d "${TMPDIR:-/tmp}/fandol.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"
apt-get download "$PKG=$VER" >/dev/null
deb=$(ls ./*.deb)
dpkg-deb --fsys-tarfile "$deb" | tar -x "./$SRC" \
    "./usr/share/doc/$PKG/copyright"
mkdir -p "$DEST"
for f in $FACES; do
	cp "$SRC/$f" "$DEST/$f.tmp"
	chmod 644 "$DEST/$f.tmp"
	mv "$DEST/$f.tmp" "$DEST/$f"
done
# The licence: Fandol is GPL-2+ with the font exception (embedding in a
# document does not make the document GPL); the copyright file says so.
cp "usr/share/doc/$PKG/copyright" "$DEST/copyright"
echo "fandol.sh: $DEST: $(ls "$DEST" | tr '\n' ' ')"
