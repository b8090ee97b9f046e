package main

import (
	"bufio"
	"io"
	"os"

	"github.com/gonetstat/netstat/internal/termsafe"
	"golang.org/x/sys/unix"
)

// output buffers stdout line by line on a terminal, as C stdio does, and
// in blockSize blocks otherwise. The bytes of each stream are net-tools'
// either way; into a pipe or a file only the points where stdout's blocks
// interleave with stderr differ from stdio's 4096-byte blocks. On a terminal it also escapes control characters and
// invalid UTF-8 (names and paths come from other users); into a pipe or a
// file the bytes are net-tools' own.
type output struct {
	buf      *bufio.Writer
	w        io.Writer // buf, or an escaper in front of it
	safe     *termsafe.Writer
	terminal bool
}

// blockSize is the stdout buffer when stdout is not a terminal: a 100,000
// row listing is about 8 MB, and 64 KiB writes take a sixteenth of the
// system calls of stdio's 4096-byte ones.
const blockSize = 64 << 10

func newOutput(f *os.File) *output {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	size := blockSize
	if err == nil {
		size = 4096
	}
	o := &output{buf: bufio.NewWriterSize(f, size), terminal: err == nil}
	o.w = o.buf
	if o.terminal {
		o.safe = termsafe.NewWriter(o.buf)
		o.w = o.safe
	}
	return o
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err == nil && o.terminal && len(p) > 0 && p[len(p)-1] == '\n' {
		err = o.buf.Flush()
	}
	return n, err
}

// EscapesControls reports whether what is written is escaped for a
// terminal (see termsafe.Escapes).
func (o *output) EscapesControls() bool { return o.terminal }

// Flush writes out what is buffered.
func (o *output) Flush() error {
	if o.safe != nil {
		if err := o.safe.Flush(); err != nil {
			return err
		}
	}
	return o.buf.Flush()
}
