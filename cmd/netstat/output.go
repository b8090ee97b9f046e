package main

import (
	"bufio"
	"os"

	"golang.org/x/sys/unix"
)

// output buffers stdout the way C stdio does: line by line on a terminal,
// in 4096-byte blocks otherwise. That keeps stdout and stderr interleaved as
// net-tools' are.
type output struct {
	w        *bufio.Writer
	terminal bool
}

func newOutput(f *os.File) *output {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return &output{w: bufio.NewWriterSize(f, 4096), terminal: err == nil}
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err == nil && o.terminal && len(p) > 0 && p[len(p)-1] == '\n' {
		err = o.w.Flush()
	}
	return n, err
}

// Flush writes out what is buffered.
func (o *output) Flush() error { return o.w.Flush() }
