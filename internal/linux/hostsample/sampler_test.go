package hostsample

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/gonetstat/netstat/internal/sockets"
)

var all = snapshot.Want{Sockets: true, Counters: true, Interfaces: true, Conntrack: true, Sysctls: true}

func fixtureSampler() *Sampler {
	s := New("testdata/proc")
	s.now = func() time.Time { return time.Unix(1000, 0) }
	return s
}

func TestSampleFixture(t *testing.T) {
	h, err := fixtureSampler().Sample(all)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Taken.Equal(time.Unix(1000, 0)) {
		t.Errorf("Taken = %v", h.Taken)
	}
	if len(h.Sockets) != 2 {
		t.Fatalf("%d sockets, want 2: %+v", len(h.Sockets), h.Sockets)
	}
	l := h.Sockets[0]
	if l.State != sockets.Listen || l.Local != netip.MustParseAddrPort("127.0.0.1:8080") || l.SendQ != 128 || l.RecvQ != 5 || l.Inode != 1588 {
		t.Errorf("listener = %+v", l)
	}
	if c := h.Sockets[1]; c.State != sockets.CloseWait || c.UID != 1000 || c.Remote.Port() != 8080 {
		t.Errorf("second socket = %+v", c)
	}
	if v, ok := h.Counter("TcpExt", "ListenOverflows"); !ok || v != 7 {
		t.Errorf("TcpExt ListenOverflows = %d, %v", v, ok)
	}
	if _, ok := h.Counter("Tcp", "RetransSegs"); !ok {
		t.Error("Tcp RetransSegs missing")
	}
	if _, ok := h.Counter("Udp6", "Udp6RcvbufErrors"); !ok {
		t.Error("Udp6 Udp6RcvbufErrors missing (snmp6)")
	}
	if len(h.Interfaces) != 1 || h.Interfaces[0].Name != "lo" || h.Interfaces[0].Stats.RxDropped != 4 || h.Interfaces[0].Stats.TxErrors != 1 {
		t.Errorf("interfaces = %+v", h.Interfaces)
	}
	want := snapshot.Conntrack{Available: true, Count: 16, Max: 65536, Drops: 15, EarlyDrops: 2, InsertFailed: 1}
	if h.Conntrack != want {
		t.Errorf("conntrack = %+v, want %+v", h.Conntrack, want)
	}
	wantSys := snapshot.Sysctls{TCPMaxTWBuckets: 4096, TCPMaxOrphans: 1024, TCPSynCookies: 1, SoMaxConn: 4096, LocalPortLow: 32768, LocalPortHigh: 60999}
	if h.Sysctls != wantSys {
		t.Errorf("sysctls = %+v, want %+v", h.Sysctls, wantSys)
	}
	if h.Sockstat["TCP"]["orphan"] != 3 || h.Sockstat["TCP"]["tw"] != 9 {
		t.Errorf("sockstat TCP = %v", h.Sockstat["TCP"])
	}
	if h.Owners != nil {
		t.Error("owners read though not wanted")
	}
}

func TestSampleOnlyWanted(t *testing.T) {
	h, err := fixtureSampler().Sample(snapshot.Want{Counters: true})
	if err != nil {
		t.Fatal(err)
	}
	if h.Sockets != nil || h.Interfaces != nil || h.Conntrack.Available || h.Sysctls != (snapshot.Sysctls{}) {
		t.Errorf("unwanted parts read: %+v", h)
	}
	if len(h.Counters) == 0 {
		t.Error("no counters")
	}
}

func TestSampleMissingParts(t *testing.T) {
	h, err := New(t.TempDir()).Sample(snapshot.Want{Conntrack: true, Sysctls: true})
	if h.Conntrack.Available {
		t.Error("conntrack available in an empty tree")
	}
	if h.Sysctls.TCPMaxTWBuckets != -1 || h.Sysctls.LocalPortLow != -1 || h.Sysctls.LocalPortHigh != -1 {
		t.Errorf("unreadable sysctls = %+v, want -1", h.Sysctls)
	}
	if err == nil {
		t.Error("no error for a missing sockstat")
	}
}

func TestParseSockstat(t *testing.T) {
	got, err := ParseSockstat(strings.NewReader("sockets: used 7\nTCP: inuse 1 orphan 2 tw 3\nFRAG: inuse 0 memory x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["sockets"]["used"] != 7 || got["TCP"]["tw"] != 3 || got["TCP"]["orphan"] != 2 {
		t.Errorf("got %v", got)
	}
	if _, ok := got["FRAG"]["memory"]; ok {
		t.Error("non-number kept")
	}
}

func TestParseConntrackStatErrors(t *testing.T) {
	for _, text := range []string{
		"entries drop\n0001 0002 0003\n",
		"entries drop\n0001 zz\n",
	} {
		if _, err := ParseConntrackStat(strings.NewReader(text)); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
	got, err := ParseConntrackStat(strings.NewReader("entries drop\n0010 0001\n0010 000f\n"))
	if err != nil || got["entries"] != 16 || got["drop"] != 16 {
		t.Errorf("got %v, %v", got, err)
	}
}
