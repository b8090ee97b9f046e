package links

import (
	"strings"
	"testing"
)

// TestNstrcmp uses the cases of net-tools' own nstrcmp test program.
func TestNstrcmp(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"eth1", "eth1", 0}, {"eth0:1", "eth0:1", 0}, {"lan", "lan", 0}, {"100", "100", 0},
		{"", "", 0}, {":", ":", 0}, {"a:b:c", "a:b:c", 0}, {"a:", "a:", 0}, {":a", ":a", 0},
		{"a", "aa", -1}, {"eth0", "eth1", -1}, {"eth1", "eth20", -1}, {"eth20", "eth100", -1},
		{"eth1", "eth13", -1}, {"eth", "eth2", -1}, {"eth0:1", "eth0:2", -1},
		{"eth1:10", "eth13:10", -1}, {"eth1:1", "eth1:13", -1}, {"a", "a:", -1},
		{"aa", "a", 1}, {"eth2", "eth1", 1}, {"eth13", "eth1", 1}, {"eth2", "eth", 1},
		{"eth2:10", "eth2:1", 1}, {"eth2:5", "eth2:4", 1}, {"eth3:2", "eth2:3", 1},
		{"eth13:1", "eth1:0", 1}, {"a:", "a", 1}, {"a1b12", "a1b2", 1},
		{"eth1", "eth01", 1}, {"eth01", "eth1", -1}, {"eth1:1", "eth01:1", 1},
		{"eth01:1", "eth1:1", -1}, {"eth1:1", "eth01:01", 1}, {"eth1:01", "eth01:1", 1},
		{"eth01:1", "eth1:01", -1}, {"eth01:01", "eth1:1", -1},
	}
	sign := func(n int) int {
		switch {
		case n < 0:
			return -1
		case n > 0:
			return 1
		}
		return 0
	}
	for _, c := range cases {
		if got := sign(nstrcmp(c.a, c.b)); got != c.want {
			t.Errorf("nstrcmp(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestListOrder checks the orders the spec observed with the real binary.
func TestListOrder(t *testing.T) {
	cases := []struct {
		proc, conf []string
		want       string
	}{
		{[]string{"lo", "veth0", "veth1", "br0", "tun0"}, []string{"lo", "veth0", "veth0:1", "veth0:lbl", "br0"},
			"br0 lo tun0 veth0 veth0:1 veth1 veth0:lbl"},
		{[]string{"lo", "averylongname01", "veth0", "averylongname02"}, nil,
			"averylongname01 averylongname02 lo veth0"},
		{[]string{"eth10", "eth2", "eth1"}, []string{"eth2:3", "eth2:10", "eth2:1"},
			"eth1 eth2 eth2:1 eth2:3 eth2:10 eth10"},
	}
	for _, c := range cases {
		var l interfaceList
		for _, n := range c.proc {
			l.add(n).HasStats = true
		}
		for _, n := range c.conf {
			l.add(n)
		}
		var got []string
		for _, ifc := range l.items {
			got = append(got, ifc.Name)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("order %q, want %q", got, c.want)
		}
	}
}

func TestAtoi(t *testing.T) {
	cases := map[string]int32{"12": 12, "": 0, "99999999999999999999": -1, "4294967297": 1, "007": 7}
	for in, want := range cases {
		if got := atoi(in); got != want {
			t.Errorf("atoi(%q) = %d, want %d", in, got, want)
		}
	}
}
