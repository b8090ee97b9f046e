package conntrack

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestExplain(t *testing.T) {
	cases := []struct {
		err  error
		hint string
	}{
		{unix.EPERM, hintPermission},
		{fmt.Errorf("netlink receive: %w", unix.EACCES), hintPermission},
		{fmt.Errorf("netlink receive: %w", unix.EINVAL), hintModule},
		{unix.EPROTONOSUPPORT, hintModule},
		{unix.ENOBUFS, ""},
	}
	for _, c := range cases {
		err := explain("dumping", c.err)
		var e *Error
		if !errors.As(err, &e) || e.Hint != c.hint {
			t.Errorf("%v: %#v", c.err, err)
			continue
		}
		if !errors.Is(err, c.err) && !errors.Is(c.err, e.Err) {
			t.Errorf("%v: the kernel's error is lost in %v", c.err, err)
		}
		if !strings.HasPrefix(err.Error(), "dumping: ") || (c.hint != "" && !strings.Contains(err.Error(), c.hint)) {
			t.Errorf("message %q", err)
		}
	}
}
