package cerr

import (
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestText(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/proc/net/tcp", Err: syscall.EISDIR}, "/proc/net/tcp: Is a directory"},
		{&fs.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}, "/x: Permission denied"},
		{syscall.EAFNOSUPPORT, "Address family not supported by protocol"},
		{errors.New("plain"), "plain"},
	}
	for _, c := range cases {
		if got := Text(c.err); got != c.want {
			t.Errorf("Text(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
