package procnet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/groups"
)

// groupLog records what a Groups parser reported, one line per call.
func groupLog(g *Groups, tables ...[]byte) string {
	var b strings.Builder
	visit := func(m *groups.Membership) { fmt.Fprintf(&b, "%q %d %v\n", m.Interface, m.Users, m.Group) }
	bad := func(v6 bool, n int) { fmt.Fprintf(&b, "bad %v %d\n", v6, n) }
	for _, t := range tables {
		g.Parse(bytes.NewReader(t), visit, bad)
	}
	return b.String()
}

func TestGroupsReal(t *testing.T) {
	g := &Groups{}
	got := groupLog(g, rtFixture(t, "igmp_real"), rtFixture(t, "igmp6_real"))
	want := `"lo        " 1 224.0.0.1
"eth0      " 1 224.0.0.1
"lo" 1 ff02::1
"lo" 1 ff01::1
"ifb0" 1 ff02::1
"ifb0" 1 ff01::1
"ifb1" 1 ff02::1
"ifb1" 1 ff01::1
"eth0" 1 ff02::1:ff00:2
"eth0" 1 ff02::1:ff00:1
"eth0" 1 ff02::1
"eth0" 1 ff01::1
`
	if got != want {
		t.Errorf("first pass:\n%s\nwant:\n%s", got, want)
	}
	// The second -c pass: the igmp6 mode sticks and igmp's lines are read
	// as igmp6 lines, with the group's missing words left from before
	// (checked against /usr/bin/netstat -gnc: "E0 0 0:1::100:0").
	got = groupLog(g, rtFixture(t, "igmp_real"))
	want = `bad true 1
"E0" 0 0:1::100:0
bad true 3
"E0" 0 0:1::1
`
	if got != want {
		t.Errorf("second pass:\n%s\nwant:\n%s", got, want)
	}
}

func TestGroupsOdd(t *testing.T) {
	got := groupLog(&Groups{}, rtFixture(t, "igmp_odd"), rtFixture(t, "igmp6_odd"))
	want := `"lo        " 1 224.0.0.1
bad false 3
bad false 4
"eth0      " 3 239.1.2.3
"eth0      " -1 224.0.0.1
"averylongname15" 7 192.168.0.5
"lo" 1 ff02::1
bad true 1
"eth0" 1 ff02::fb
"eth0" 2 ff02::1
"eth0" 1 ::ffff:127.0.0.1
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func FuzzParseIGMP(f *testing.F) {
	for _, n := range []string{"igmp_real", "igmp_odd"} {
		f.Add(rtFixture(f, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g := &Groups{}
		visit := func(m *groups.Membership) {
			if !m.Group.IsValid() || len(m.Interface) > 15 {
				t.Fatalf("bad membership %+v", m)
			}
		}
		g.Parse(bytes.NewReader(b), visit, func(bool, int) {})
		g.Parse(bytes.NewReader(b), visit, func(bool, int) {})
	})
}

func FuzzParseIGMP6(f *testing.F) {
	for _, n := range []string{"igmp6_real", "igmp6_odd"} {
		f.Add(rtFixture(f, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g := &Groups{}
		visit := func(m *groups.Membership) {
			if !m.Group.Is6() || len(m.Interface) > 15 {
				t.Fatalf("bad membership %+v", m)
			}
		}
		g.Parse(bytes.NewReader(b), visit, func(bool, int) {})
	})
}
