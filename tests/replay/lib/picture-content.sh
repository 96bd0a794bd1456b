#!/bin/sh
# Makes DIR: a copy of the repo's content with pictures of known colours, for the picture tests, in
# its default language alone (the translations would need the pictures added here too).
#   DIR/images/red.png     400x300, all #C0392B: a picture inside the "What it is" section
#   DIR/images/blue.png    300x200, all #2E86C1: the treatment's own picture
set -eu
dir=$1
rm -rf "$dir"
cp -r content "$dir"
rm -rf "$dir/languages"
python3 - "$dir/images" <<'PY'
import struct, sys, zlib
def png(path, w, h, rgb):
    raw = b''.join(b'\0' + bytes(rgb) * w for _ in range(h))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
png(sys.argv[1] + '/red.png', 400, 300, (0xC0, 0x39, 0x2B))
png(sys.argv[1] + '/blue.png', 300, 200, (0x2E, 0x86, 0xC1))
PY
t="$dir/treatments/calf-slimming.txt"
sed -i 's/^Picture: .*/Picture: blue.png/; s/^Picture text: .*/Picture text: A blue oblong/' "$t"
sed -i '/^== What it is ==$/a Picture: red.png\nPicture text: A red oblong' "$t"
