package watch

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// visible shows the control sequences of terminal output as text.
func visible(s string) string {
	s = strings.ReplaceAll(s, "\x1b", `\e`)
	s = strings.ReplaceAll(s, "\a", `\a`)
	return strings.ReplaceAll(s, "\r\n", "\\r\\n\n")
}

func socketView() *SocketView {
	return &SocketView{
		Refresh: Refresh{Time: at, Interval: 500 * time.Millisecond},
		Cur:     []Socket{listener, with(accepted, "CLOSE_WAIT"), udp6, client, unixPath},
		Changes: Diff([]Socket{listener, accepted, unixPath, {Proto: "unix", Local: "/gone\x1b]0;pwned\a", State: "CONNECTED", Type: "DGRAM", Inode: 7}, with(client, "CLOSE")},
			[]Socket{listener, with(accepted, "CLOSE_WAIT"), udp6, client, unixPath}),
		Inet: true, Unix: true, All: true, Programs: true,
	}
}

func TestSocketFrame(t *testing.T) {
	f := SocketFrame(socketView())
	var b strings.Builder
	for _, ln := range f.Lines {
		mark := " "
		if ln.Mark != 0 {
			mark = string(rune(ln.Mark))
		}
		if ln.Header {
			mark = "#"
		}
		b.WriteString(mark + "|" + visible(ln.Text) + "\n")
	}
	b.WriteString("status|" + f.Status + "\n")
	golden(t, "socket_frame", b.String())
}

func TestScreenDraw(t *testing.T) {
	var b bytes.Buffer
	s := &Screen{W: &b, Width: 100, Height: 12}
	if err := s.Enter(); err != nil {
		t.Fatal(err)
	}
	if err := s.Draw(SocketFrame(socketView())); err != nil {
		t.Fatal(err)
	}
	if err := s.Leave(); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	golden(t, "screen", visible(out))
	if strings.Contains(out, "\x1b]0;") || strings.Contains(out, "\a") {
		t.Errorf("a hostile path reached the terminal raw")
	}
	if !strings.HasPrefix(out, enterAltScreen+hideCursor) || !strings.HasSuffix(out, showCursor+leaveAltScreen) {
		t.Errorf("the view does not enter and leave the alternate screen")
	}
	for _, ln := range strings.Split(out, "\r\n") {
		if n := len([]rune(stripControls(ln))); n > 100 {
			t.Errorf("line of %d columns on a 100-column screen: %q", n, ln)
		}
	}
}

// stripControls removes CSI sequences, leaving what the terminal shows.
func stripControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestFit(t *testing.T) {
	lines := []Line{
		{Header: true, Text: "title"},
		{Text: "a"}, {Text: "b"}, {Mark: Opened, Text: "c"}, {Text: "d"}, {Mark: Closed, Text: "e"},
		{Header: true, Text: "title2"},
		{Text: "f"},
	}
	for _, tc := range []struct {
		rows   int
		want   string
		hidden int
	}{
		{100, "title a b c d e title2 f", 0},
		{6, "title a b c e title2", 2},
		{4, "title c e title2", 4},
		{2, "title title2", 6},
		{0, "", 6},
	} {
		keep, hidden := fit(lines, tc.rows)
		var got []string
		for i, k := range keep {
			if k {
				got = append(got, lines[i].Text)
			}
		}
		if strings.Join(got, " ") != tc.want || hidden != tc.hidden {
			t.Errorf("fit in %d rows: %q and %d hidden, want %q and %d", tc.rows, got, hidden, tc.want, tc.hidden)
		}
	}
}

func TestScreenStatusSaysWhatIsHidden(t *testing.T) {
	var b bytes.Buffer
	s := &Screen{W: &b, Width: 200, Height: 4}
	if err := s.Draw(SocketFrame(socketView())); err != nil {
		t.Fatal(err)
	}
	out := stripControls(b.String())
	if !strings.Contains(out, "| 6 rows not shown") {
		t.Errorf("status does not count the hidden rows:\n%s", visible(b.String()))
	}
	if !strings.Contains(b.String(), "\x1b[4;1H") {
		t.Errorf("status line not on the last row:\n%s", visible(b.String()))
	}
}

func TestInterfaceFrame(t *testing.T) {
	r := Refresh{Time: at, Interval: time.Second}
	var b bytes.Buffer
	s := &Screen{W: &b, Width: 120, Height: 8}
	if err := s.Draw(InterfaceFrame(&InterfaceView{Refresh: r})); err != nil {
		t.Fatal(err)
	}
	if err := s.Draw(InterfaceFrame(&InterfaceView{Refresh: r, Rates: fixtureRates()})); err != nil {
		t.Fatal(err)
	}
	golden(t, "interface_screen", visible(b.String()))
}

func TestCounterFrame(t *testing.T) {
	r := Refresh{Time: at, Interval: 2 * time.Second}
	var b bytes.Buffer
	s := &Screen{W: &b, Width: 120, Height: 8}
	if err := s.Draw(CounterFrame(&CounterView{Refresh: r, First: true})); err != nil {
		t.Fatal(err)
	}
	if err := s.Draw(CounterFrame(&CounterView{Refresh: r, Deltas: fixtureDeltas()})); err != nil {
		t.Fatal(err)
	}
	golden(t, "counter_screen", visible(b.String()))
}
