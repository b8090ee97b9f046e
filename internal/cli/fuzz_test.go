package cli

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParse splits the input on spaces into arguments and checks that Parse
// never panics, that a finished parse has one of netstat's parse-time exit
// statuses and no Options, and that an unfinished one has Options and
// wrote nothing on stdout.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "-tulpn", "-A inet,unix", "--protocol=inet6", "--in", "-rr", "-?", "-V", "-h", "-Z",
		"--tcpip -x", "foo -- -y", "-A", "--=", "-s -6 -t", "--numeric-h -g -4", "-Aip,foo",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		argv := append([]string{"netstat"}, strings.Split(line, " ")...)
		var stdout, stderr bytes.Buffer
		opts, exit, done := parse(argv, &stdout, &stderr, false)
		if done {
			if exit != ExitOK && exit != ExitError && exit != ExitUsage {
				t.Fatalf("%q: exit %d", line, exit)
			}
			if opts != nil {
				t.Fatalf("%q: finished parse returned options", line)
			}
			return
		}
		if opts == nil || exit != 0 || stdout.Len() != 0 {
			t.Fatalf("%q: opts=%v exit=%d stdout=%q", line, opts, exit, stdout.String())
		}
		if opts.Mode < ModeSockets || opts.Mode > ModeMasquerade || opts.SocketKinds < 0 || opts.Extend < 0 {
			t.Fatalf("%q: bad options %+v", line, *opts)
		}
	})
}
