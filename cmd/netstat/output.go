package main

import (
	"bufio"
	"io"
	"os"

	"github.com/gonetstat/netstat/internal/termsafe"
	"golang.org/x/sys/unix"
)

// output buffers stdout the way C stdio does: line by line on a terminal,
// in 4096-byte blocks otherwise. That keeps stdout and stderr interleaved as
// net-tools' are. On a terminal it also escapes control characters and
// invalid UTF-8 (names and paths come from other users); into a pipe or a
// file the bytes are net-tools' own.
type output struct {
	buf      *bufio.Writer
	w        io.Writer // buf, or an escaper in front of it
	safe     *termsafe.Writer
	terminal bool
}

func newOutput(f *os.File) *output {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	o := &output{buf: bufio.NewWriterSize(f, 4096), terminal: err == nil}
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

// Flush writes out what is buffered.
func (o *output) Flush() error {
	if o.safe != nil {
		if err := o.safe.Flush(); err != nil {
			return err
		}
	}
	return o.buf.Flush()
}
