package counters

import (
	"errors"
	"fmt"
	"io"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// openFailed reports whether err says the file could not be opened at all,
// rather than that it was read in part.
func openFailed(err error) bool {
	var re *ReadError
	return err != nil && !errors.Is(err, ErrFormat) && !errors.As(err, &re)
}

// complain prints netstat's message for a file that was read in part: a
// read failure as perror does, and a malformed file if reportFormat.
func complain(errOut io.Writer, path string, err error, reportFormat bool) {
	var re *ReadError
	switch {
	case err == nil:
	case errors.As(err, &re):
		fmt.Fprintf(errOut, "%s: %s\n", path, errText(re.Err))
	case errors.Is(err, ErrFormat) && reportFormat:
		fmt.Fprintf(errOut, "Problem while parsing %s\n", path)
	}
}

// errText is the C library's wording of err: glibc's strerror texts are Go's
// errno texts with a capital letter.
func errText(err error) string {
	var errno syscall.Errno
	msg := err.Error()
	if errors.As(err, &errno) {
		msg = errno.Error()
	}
	r, n := utf8.DecodeRuneInString(msg)
	return string(unicode.ToUpper(r)) + msg[n:]
}
