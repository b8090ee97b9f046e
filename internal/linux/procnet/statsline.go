package procnet

import (
	"bufio"
	"bytes"
	"io"
)

// statsFgetsSize is the buffer net-tools gives fgets for /proc/net/snmp6 and
// /proc/net/sctp/snmp: longer lines come in pieces of 1023 bytes.
const statsFgetsSize = 1024

// fgetsBuffer replays successive fgets(buf, len(buf), f) calls on one
// buffer, which keeps whatever earlier calls (and the caller) left beyond the
// current line's NUL, as the C buffer does.
type fgetsBuffer struct {
	r   *bufio.Reader
	buf []byte
}

func newFgetsBuffer(r io.Reader, size int) *fgetsBuffer {
	return &fgetsBuffer{r: bufio.NewReader(r), buf: make([]byte, size)}
}

// next reads the next piece into buf and NUL-terminates it. It returns the
// piece's length, or io.EOF at the end of input, or the read error.
func (f *fgetsBuffer) next() (int, error) {
	n := 0
	for n < len(f.buf)-1 {
		c, err := f.r.ReadByte()
		if err != nil {
			if err == io.EOF && n > 0 {
				break
			}
			return 0, err
		}
		f.buf[n] = c
		n++
		if c == '\n' {
			break
		}
	}
	f.buf[n] = 0
	return n, nil
}

// readWholeLine returns the next line of r with its newline, however long,
// as getline does; nil at the end of input or on a read error.
func readWholeLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadBytes('\n')
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return line, nil
}

// cString cuts b at its first NUL byte, as C string functions see it.
func cString(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// isStatsBlank reports whether c is one of the separators net-tools uses
// for the statistics files (" \t\n").
func isStatsBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
