package dns

import (
	"encoding/binary"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gonetstat/netstat/internal/names/dnstest"
)

// answer is what the answering server replies to the PTR query of one
// name: an rcode with records, or nothing at all when silent.
type answer struct {
	rcode   uint16
	records []dnstest.Record
	silent  bool
}

// ptr is the answer naming an address with the PTR names given, in order.
func ptr(names ...string) answer {
	var a answer
	for _, n := range names {
		a.records = append(a.records, dnstest.Record{Type: dnstest.TypePTR, Target: n})
	}
	return a
}

// answeringDNS is a DNS server on UDP and TCP port 53 of 127.0.0.1 in a
// namespace that answers reverse queries from a table (names it does not
// know are NXDOMAIN) the way a real server does (dnstest.Serve): queries
// must be well formed and well framed, UDP answers to plain queries are cut at 512
// bytes with the TC bit set, and TCP carries the full answer.
type answeringDNS struct {
	udp   net.PacketConn
	tcp   net.Listener
	table map[string]answer // by reverse name, lower case, no trailing dot

	udpQueries atomic.Int64 // well-formed queries over UDP
	tcpQueries atomic.Int64 // well-formed, well-framed queries over TCP
	truncated  atomic.Int64 // UDP answers cut with TC
	withOPT    atomic.Int64 // queries that carried an OPT record
	malformed  atomic.Int64 // datagrams or TCP messages that were no query

	mu    sync.Mutex
	asked map[string]int // queries per name
}

// startAnsweringDNS starts the server in ns; t.Cleanup stops it.
func startAnsweringDNS(t *testing.T, ns *netns, table map[string]answer) *answeringDNS {
	t.Helper()
	d := &answeringDNS{table: table, asked: map[string]int{}}
	err := ns.inside(func() error {
		var err error
		if d.udp, err = net.ListenPacket("udp4", "127.0.0.1:53"); err != nil {
			return err
		}
		d.tcp, err = net.Listen("tcp4", "127.0.0.1:53")
		return err
	})
	if err != nil {
		t.Fatalf("answering DNS server: %v", err)
	}
	t.Cleanup(func() { d.udp.Close(); d.tcp.Close() })
	dnstest.Serve(d.udp, d.tcp, d.reply, &d.malformed)
	return d
}

// timesAsked returns how many well-formed queries named name.
func (d *answeringDNS) timesAsked(name string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.asked[name]
}

// namesAsked returns how many distinct names were asked about.
func (d *answeringDNS) namesAsked() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.asked)
}

// reply parses msg and returns the answer to send, or false when there
// is none (a malformed message, or a silent entry).
func (d *answeringDNS) reply(msg []byte, udp bool) ([]byte, bool) {
	q, err := dnstest.ParseQuery(msg)
	if err != nil {
		d.malformed.Add(1)
		return nil, false
	}
	if q.OPT {
		d.withOPT.Add(1)
	}
	if udp {
		d.udpQueries.Add(1)
	} else {
		d.tcpQueries.Add(1)
	}
	d.mu.Lock()
	d.asked[q.Name]++
	d.mu.Unlock()
	a, known := d.table[q.Name]
	if !known || q.Type != dnstest.TypePTR {
		a = answer{rcode: dnstest.RcodeNXDomain}
	}
	if a.silent {
		return nil, false
	}
	limit := 65535
	if udp {
		limit = dnstest.PlainUDPLimit
		if q.OPT && q.UDPSize > limit {
			limit = q.UDPSize
		}
	}
	out := dnstest.Response(q, a.rcode, a.records, limit)
	if binary.BigEndian.Uint16(out[2:4])&dnstest.FlagTC != 0 {
		d.truncated.Add(1)
	}
	return out, true
}
