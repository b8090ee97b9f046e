package signals

import (
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// continuousPipeLimit is how long `netstat -c ARGS | head -1` may take
// from start to end: net-tools dies at its first write after the reader
// left, which is the second pass, one second after the first.
const continuousPipeLimit = 4 * time.Second

// TestContinuousPipeClosed runs `netstat -c ARGS | head -1` for every
// table that repeats, with both netstats: each must end the same way (by
// SIGPIPE, or with status 0) within continuousPipeLimit, with the same
// stderr. That is nothing, except for -g: net-tools' igmp6 parser keeps
// its line count from one pass to the next, so its second pass, the one
// that meets the closed pipe, warns about a bogus line first.
func TestContinuousPipeClosed(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	cases := []struct {
		args  []string
		first string
	}{
		{[]string{"-tanc"}, inetTitle},
		{[]string{"-rnc"}, "Kernel IP routing table"},
		{[]string{"-ic"}, "Kernel Interface table"},
		{[]string{"-gnc"}, "IPv6/IPv4 Group Memberships"},
	}
	for _, c := range cases {
		var ended, stderr [2]string
		var took [2]time.Duration
		for i, bin := range []string{nstest.Reference, nstest.Ours()} {
			start := time.Now()
			ended[i], stderr[i] = headOne(t, bin, c.args, c.first)
			took[i] = time.Since(start)
			if took[i] > continuousPipeLimit {
				t.Errorf("%s %v | head -1 took %v, want at most %v",
					bin, c.args, took[i].Round(time.Millisecond), continuousPipeLimit)
			}
		}
		ref, ours := ended[0], ended[1]
		t.Logf("netstat %v | head -1: reference %s in %v, ours %s in %v", c.args,
			ref, took[0].Round(time.Millisecond), ours, took[1].Round(time.Millisecond))
		if stderr[1] != stderr[0] {
			t.Errorf("netstat %v | head -1: stderr: ours %q, reference %q", c.args, stderr[1], stderr[0])
		}
		if stderr[0] != "" && c.args[0] != "-gnc" {
			t.Errorf("netstat %v | head -1: the reference wrote %q on stderr", c.args, stderr[0])
		}
		if ours != ref {
			t.Errorf("netstat %v | head -1: ours ended with %s, reference with %s", c.args, ours, ref)
		}
		if ours != "signal "+syscall.SIGPIPE.String() && ours != "exit 0" {
			t.Errorf("netstat %v | head -1: ours ended with %s, want SIGPIPE or exit 0", c.args, ours)
		}
	}
}
