package procnet

import (
	"bufio"
	"bytes"
	"io"
)

// fgetsSize is the size of the buffer net-tools gives fgets for every
// /proc/net table: a line is returned in pieces of at most fgetsSize-1 bytes.
const fgetsSize = 8192

// eachProcLine calls fn for every line of r, numbered from 0, with the
// piece-wise behaviour of fgets(buf, fgetsSize): a longer line is delivered
// in several pieces. The text passed to fn is cut at its first NUL byte, as a
// C string would be, and is only valid until fn returns.
func eachProcLine(r io.Reader, fn func(n int, line []byte)) error {
	// Wrapping r stops bufio from handing back a larger *bufio.Reader as is,
	// which would change where long lines are cut.
	br := bufio.NewReaderSize(struct{ io.Reader }{r}, fgetsSize-1)
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if i := bytes.IndexByte(line, 0); i >= 0 {
				line = line[:i]
			}
			fn(n, line)
			n++
		}
		switch err {
		case nil, bufio.ErrBufferFull:
		case io.EOF:
			return nil
		default:
			return err
		}
	}
}
