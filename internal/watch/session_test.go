package watch

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a Reporter that keeps what it was given.
type recorder struct {
	mu      sync.Mutex
	changes [][]Change
	rates   [][]InterfaceRate
	deltas  [][]CounterDelta
}

func (r *recorder) Sockets(_ time.Time, c []Change) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.changes = append(r.changes, c)
	return nil
}

func (r *recorder) Interfaces(_ time.Time, x []InterfaceRate) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rates = append(r.rates, x)
	return nil
}

func (r *recorder) Counters(_ time.Time, d []CounterDelta) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deltas = append(r.deltas, d)
	return nil
}

// script returns a reader that gives the readings in turn, then closes
// stop (and keeps giving the last one).
func script[T any](stop chan struct{}, readings ...[]T) func() ([]T, error) {
	n := 0
	return func() ([]T, error) {
		r := readings[n]
		if n < len(readings)-1 {
			n++
		} else if stop != nil {
			close(stop)
			stop = nil
		}
		return r, nil
	}
}

func TestSessionReportsChanges(t *testing.T) {
	stop := make(chan struct{})
	rec := &recorder{}
	flushes := 0
	s := &Session{Interval: time.Millisecond, Report: rec, Stop: stop, Flush: func() error { flushes++; return nil }}
	read := script(stop, []Socket{listener}, []Socket{listener, client}, []Socket{with(client, "CLOSE_WAIT")})
	if err := s.Run(Sockets(read, SocketView{})); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, cs := range rec.changes {
		got = append(got, strings.TrimSpace(changeText(cs)))
	}
	// The first reading is the baseline: nothing reported for it.
	want := []string{
		"+ tcp 127.0.0.1:40000 127.0.0.1:8080 101",
		"- tcp 127.0.0.1:8080 0.0.0.0:* 100\n~ tcp 127.0.0.1:40000 127.0.0.1:8080 101 ESTABLISHED->CLOSE_WAIT",
	}
	if len(got) < 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("reported %q, want %q then nothing", got, want)
	}
	for _, g := range got[2:] {
		if g != "" {
			t.Errorf("change reported after the last one: %q", g)
		}
	}
	if flushes < 3 {
		t.Errorf("%d flushes for %d refreshes", flushes, len(got)+1)
	}
}

func TestSessionRatesAndDeltas(t *testing.T) {
	clock := time.Unix(1000, 0)
	now := func() time.Time { clock = clock.Add(500 * time.Millisecond); return clock }

	stop := make(chan struct{})
	rec := &recorder{}
	s := &Session{Interval: time.Millisecond, Report: rec, Stop: stop, Now: now}
	ifs := script(stop, []Interface{{Name: "lo", Counts: Traffic{RxPackets: 4}}}, []Interface{{Name: "lo", Counts: Traffic{RxPackets: 9}}})
	if err := s.Run(Interfaces(ifs)); err != nil {
		t.Fatal(err)
	}
	if len(rec.rates) == 0 || len(rec.rates[0]) != 1 || rec.rates[0][0].Delta[RxPackets] != 5 || rec.rates[0][0].Rate(RxPackets) != 10 {
		t.Fatalf("interface rates %+v", rec.rates)
	}

	stop = make(chan struct{})
	s.Stop = stop
	ctrs := script(stop, []Counter{{"TcpExtListenDrops", 1}}, []Counter{{"TcpExtListenDrops", 4}})
	if err := s.Run(Counters(ctrs)); err != nil {
		t.Fatal(err)
	}
	if len(rec.deltas) == 0 || len(rec.deltas[0]) != 1 || rec.deltas[0][0].Delta != 3 || rec.deltas[0][0].Rate() != 6 {
		t.Fatalf("counter deltas %+v", rec.deltas)
	}
}

func TestSessionScreenIsLeftOnError(t *testing.T) {
	var b bytes.Buffer
	broken := errors.New("netlink went away")
	n := 0
	read := func() ([]Socket, error) {
		n++
		if n > 1 {
			return nil, broken
		}
		return []Socket{listener}, nil
	}
	s := &Session{Interval: time.Millisecond, Screen: &Screen{W: &b, Width: 80, Height: 10}, Stop: make(chan struct{})}
	if err := s.Run(Sockets(read, SocketView{Inet: true})); !errors.Is(err, broken) {
		t.Fatalf("Run returned %v, want the reading's error", err)
	}
	out := b.String()
	if !strings.HasPrefix(out, enterAltScreen) || !strings.HasSuffix(out, showCursor+leaveAltScreen) {
		t.Errorf("screen not restored after an error:\n%s", visible(out))
	}
	if !strings.Contains(out, "127.0.0.1:8080") {
		t.Errorf("first frame not drawn")
	}
}

func TestSessionResizeAndGone(t *testing.T) {
	var b bytes.Buffer
	resize := make(chan struct{}, 1)
	resize <- struct{}{}
	gone := 0
	s := &Session{
		Interval: time.Hour, // only the resize wakes it
		Screen:   &Screen{W: &b, Width: 80, Height: 10},
		Stop:     make(chan struct{}),
		Resize:   resize,
		Size:     func() (int, int) { return 40, 5 },
		Gone:     func() bool { gone++; return true },
	}
	if err := s.Run(Sockets(script[Socket](nil, []Socket{listener}), SocketView{Inet: true})); err != nil {
		t.Fatal(err)
	}
	if gone != 1 || s.Screen.Width != 40 || s.Screen.Height != 5 {
		t.Errorf("after a resize: gone asked %d times, size %dx%d", gone, s.Screen.Width, s.Screen.Height)
	}
	if !strings.Contains(b.String(), "\x1b[5;1H") {
		t.Errorf("not redrawn at the new size:\n%s", visible(b.String()))
	}
}
