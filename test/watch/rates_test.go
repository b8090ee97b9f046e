package watch

import (
	"encoding/json"
	"math"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// Traffic the rate tests generate on lo: datagrams of payload bytes each.
const (
	datagrams = 50
	payload   = 100
	// onLo is what one such datagram counts in /proc/net/dev for lo: the
	// IPv4 and UDP headers and the payload (lo counts its frames after the
	// Ethernet header is pulled off).
	onLo = 20 + 8 + payload
)

// sendUDP sends n datagrams over lo to a socket of the test's and reads
// them back.
func sendUDP(t *testing.T, n int) {
	t.Helper()
	rx, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	tx, err := net.Dial("udp4", rx.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	buf := make([]byte, payload)
	for i := 0; i < n; i++ {
		if _, err := tx.Write(buf); err != nil {
			t.Fatal(err)
		}
		rx.SetReadDeadline(time.Now().Add(patience))
		if _, _, err := rx.ReadFrom(buf); err != nil {
			t.Fatal(err)
		}
	}
}

// settle makes sure the watch has taken its first reading, by poking
// with one datagram until something is reported, and then waits until
// nothing has been reported for a while.
func settle(t *testing.T, p *watcher, interval time.Duration) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("the watch reported no traffic; stderr %q", p.stderr.String())
		}
		sendUDP(t, 1)
		if line, ok := p.next(t, 2*time.Second); ok && line != "" {
			break
		}
	}
	for len(p.quiet(t, 4*interval)) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the watch keeps reporting traffic nobody sends")
		}
	}
}

// TestInterfaceRates checks -i: the packets and bytes the test sends over
// lo come out as deltas, and rates are deltas per second.
func TestInterfaceRates(t *testing.T) {
	nstest.Require(t)
	interval := 300 * time.Millisecond
	p := startWatch(t, "--watch=0.3", "-i", "--json")
	settle(t, p, interval)
	sendUDP(t, datagrams)
	var sum [4]float64 // rx packets, rx bytes, tx packets, tx bytes
	names := []string{"rx_packets", "rx_bytes", "tx_packets", "tx_bytes"}
	deadline := time.Now().Add(patience)
	for sum[0] < datagrams && time.Now().Before(deadline) {
		line, ok := p.next(t, time.Until(deadline))
		if !ok {
			break
		}
		var ev struct {
			Time, Event, Interface string
			Seconds                float64
			Delta, Rate            map[string]float64
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if ev.Event != "interface" || ev.Interface != "lo" {
			t.Fatalf("unexpected event %q", line)
		}
		schematest.Require(t, jsonSchema, []byte(line), "interface_event")
		if ev.Seconds < interval.Seconds()*0.5 {
			t.Errorf("refresh after %vs, interval %v", ev.Seconds, interval)
		}
		for i, n := range names {
			sum[i] += ev.Delta[n]
			if want := ev.Delta[n] / ev.Seconds; math.Abs(ev.Rate[n]-want) > 1e-6*want+1e-9 {
				t.Errorf("%s rate %v, want delta/seconds %v", n, ev.Rate[n], want)
			}
		}
	}
	// Anything still to come would be traffic the test did not send.
	for _, line := range p.quiet(t, 4*interval) {
		t.Errorf("more traffic reported: %q", line)
	}
	want := [4]float64{datagrams, datagrams * onLo, datagrams, datagrams * onLo}
	if sum != want {
		t.Errorf("lo deltas %v (%v), want %v", sum, names, want)
	}
}

// TestCounterDeltas checks -s: the UDP datagrams the test sends show as
// deltas of the kernel's counters under their nstat names, and only
// counters that moved are reported.
func TestCounterDeltas(t *testing.T) {
	nstest.Require(t)
	interval := 300 * time.Millisecond
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"--watch=0.3", "-s"}
			if format == "json" {
				args = append(args, "--json")
			}
			p := startWatch(t, args...)
			settle(t, p, interval)
			sendUDP(t, datagrams)
			sums := map[string]float64{}
			deadline := time.Now().Add(patience)
			for sums["UdpInDatagrams"] < datagrams && time.Now().Before(deadline) {
				line, ok := p.next(t, time.Until(deadline))
				if !ok {
					break
				}
				name, delta := counterLine(t, line, format)
				if delta == 0 {
					t.Errorf("counter reported without a change: %q", line)
				}
				sums[name] += delta
			}
			for _, line := range p.quiet(t, 4*interval) {
				name, delta := counterLine(t, line, format)
				sums[name] += delta
			}
			for _, name := range []string{"UdpInDatagrams", "UdpOutDatagrams", "IpInReceives", "IpOutRequests", "IpInDelivers"} {
				if sums[name] != datagrams {
					t.Errorf("%s moved by %v, want %d (all: %v)", name, sums[name], datagrams, sums)
				}
			}
			if _, ok := sums["TcpActiveOpens"]; ok {
				t.Errorf("TcpActiveOpens reported, but no TCP connection was made: %v", sums)
			}
		})
	}
}

// counterLine reads a -s line: its counter name and delta. A text line is
// TIME NAME +DELTA RATE/s.
func counterLine(t *testing.T, line, format string) (string, float64) {
	t.Helper()
	if format == "json" {
		var ev struct {
			Event, Counter string
			Delta, Rate    float64
			Seconds        float64
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil || ev.Event != "counter" {
			t.Fatalf("%q: %v", line, err)
		}
		schematest.Require(t, jsonSchema, []byte(line), "counter_event")
		if want := ev.Delta / ev.Seconds; math.Abs(ev.Rate-want) > 1e-6*math.Abs(want)+1e-9 {
			t.Errorf("%s: rate %v, want %v", ev.Counter, ev.Rate, want)
		}
		return ev.Counter, ev.Delta
	}
	f := strings.Fields(line)
	if len(f) != 4 || !strings.HasSuffix(f[3], "/s") {
		t.Fatalf("text line %q: want TIME NAME DELTA RATE/s", line)
	}
	if _, err := time.Parse(time.RFC3339Nano, f[0]); err != nil {
		t.Fatalf("text line %q: %v", line, err)
	}
	d, err := strconv.ParseFloat(f[2], 64)
	if err != nil || (f[2][0] != '+' && f[2][0] != '-') {
		t.Fatalf("text line %q: delta %q", line, f[2])
	}
	return f[1], d
}
