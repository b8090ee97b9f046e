package procnet

import (
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

func parseUnixEvents(t *testing.T, file string) []string {
	t.Helper()
	var got []string
	err := ParseUnix(openSocketFixture(t, file),
		func(u *sockets.UnixSocket) { got = append(got, unixRecordLine(u)) },
		func() { got = append(got, "bad") })
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestParseUnixGolden(t *testing.T) {
	for _, f := range []string{"real_unix", "hand_unix", "unix_noinode"} {
		t.Run(f, func(t *testing.T) { checkSocketGolden(t, f, parseUnixEvents(t, f)) })
	}
}

func TestParseUnixEdges(t *testing.T) {
	got := parseUnixEvents(t, "hand_unix")
	want := []string{
		`inode=7001 path="/run/demo.sock"`,
		`inode=7002 path="/run/demo.sock"`,
		`inode=7003 path="/tmp/with"`, // cut at the space
		`inode=7004 path="@demo-abstract"`,
		`type=5 st=1 inode=7005 path="@nul@inside"`,
		`inode=7006 path=""`,
		`ref=305419896 proto=1 flags=0x70000 type=9 st=4 inode=123456789 path="/x"`,
		"bad",             // five fields
		`inode=0 path=""`, // six fields are enough
		"bad",             // bad hex in Flags
		"bad",             // empty line
		`inode=7010 path="/last/no/newline"`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d events:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasSuffix(got[i], want[i]) {
			t.Errorf("line %d: got %q, want …%q", i+1, got[i], want[i])
		}
	}
	if got := parseUnixEvents(t, "unix_noinode"); len(got) != 1 || !strings.HasSuffix(got[0], `path="8001"`) {
		t.Errorf("without an Inode column the path is the inode: %v", got)
	}
}
