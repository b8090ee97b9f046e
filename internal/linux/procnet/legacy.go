package procnet

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/gonetstat/netstat/internal/sockets"
)

// legacyTables lists, per legacy family, the /proc/net files net-tools tries
// in turn.
var legacyTables = map[sockets.LegacyFamily][]string{
	sockets.IPX:    {"ipx/socket", "ipx"},
	sockets.AX25:   {"ax25"},
	sockets.X25:    {"x25"},
	sockets.NetROM: {"nr"},
	sockets.Rose:   {"rose"},
}

// Legacy reports whether the kernel has the socket table of family f: nil
// when one of its files opens, otherwise the last open error (which wraps
// fs.ErrNotExist when the family is missing). As in net-tools, the old
// "ipx" name only counts when it is a regular file, and the next name is
// only tried after ENOENT.
func (f FS) Legacy(family sockets.LegacyFamily) error {
	names, ok := legacyTables[family]
	if !ok {
		return fmt.Errorf("procnet: unknown legacy family %d: %w", family, fs.ErrNotExist)
	}
	var err error
	for _, name := range names {
		var file *os.File
		if file, err = os.Open(f.path(name)); err != nil {
			if !os.IsNotExist(err) {
				return err
			}
			continue
		}
		if name != "ipx" {
			file.Close()
			return nil
		}
		st, serr := file.Stat()
		file.Close()
		if serr == nil && st.Mode().IsRegular() {
			return nil
		}
		err = &fs.PathError{Op: "open", Path: file.Name(), Err: fs.ErrNotExist}
	}
	return err
}
