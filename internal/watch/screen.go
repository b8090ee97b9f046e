package watch

import (
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/gonetstat/netstat/internal/termsafe"
)

// ANSI control sequences of the terminal view.
const (
	enterAltScreen = "\x1b[?1049h"
	leaveAltScreen = "\x1b[?1049l"
	hideCursor     = "\x1b[?25l"
	showCursor     = "\x1b[?25h"
	cursorHome     = "\x1b[H"
	clearLineEnd   = "\x1b[K"
	clearBelow     = "\x1b[J"
	colourReset    = "\x1b[0m"
	reverseVideo   = "\x1b[7m"
	boldText       = "\x1b[1m"
)

// markColour is the colour of a row of each kind.
var markColour = map[Kind]string{
	Opened:  "\x1b[32m", // green
	Closed:  "\x1b[31m", // red
	Changed: "\x1b[33m", // yellow
}

// Line is one line of a Frame.
type Line struct {
	// Mark is the change the row shows (Opened, Closed, Changed), or zero.
	Mark Kind
	// Header lines (titles, column names) are always shown, in bold.
	Header bool
	Text   string
}

// Frame is one refresh of the terminal view: its lines, top down, and the
// status line shown at the bottom.
type Frame struct {
	Lines  []Line
	Status string
}

// Screen is the full-screen terminal view. It draws on the alternate
// screen with the cursor hidden, redraws the whole screen at each
// refresh, fits the frame to Width × Height, and writes text from outside
// (paths, program names) escaped by termsafe.
type Screen struct {
	W             io.Writer
	Width, Height int

	buf  []byte
	safe bytes.Buffer
	esc  *termsafe.Writer
}

// Enter switches to the alternate screen and hides the cursor.
func (s *Screen) Enter() error {
	_, err := io.WriteString(s.W, enterAltScreen+hideCursor+cursorHome+clearBelow)
	return err
}

// Leave shows the cursor and goes back to the normal screen, as it was
// before Enter.
func (s *Screen) Leave() error {
	_, err := io.WriteString(s.W, colourReset+showCursor+leaveAltScreen)
	return err
}

// Draw redraws the screen with f in one write. When the rows do not all
// fit, headers stay, marked rows are kept before unmarked ones, the order
// of the frame is kept, and the status line says how many were left out.
func (s *Screen) Draw(f *Frame) error {
	rows := s.Height - 1 // the last line is the status
	if rows < 0 {
		rows = 0
	}
	keep, hidden := fit(f.Lines, rows)
	b := append(s.buf[:0], cursorHome...)
	for i, ln := range f.Lines {
		if !keep[i] {
			continue
		}
		b = s.appendLine(b, ln)
		b = append(b, clearLineEnd+"\r\n"...)
	}
	status := f.Status
	if hidden > 0 {
		status += " | " + strconv.Itoa(hidden) + " rows not shown"
	}
	b = append(b, clearBelow...)
	if s.Height > 0 {
		b = append(b, "\x1b["...)
		b = strconv.AppendInt(b, int64(s.Height), 10)
		b = append(b, ";1H"...)
	}
	b = append(b, reverseVideo...)
	b = s.appendText(b, status, true)
	b = append(b, colourReset...)
	s.buf = b
	_, err := s.W.Write(b)
	return err
}

// appendLine appends one line: the mark column, then the text cut to the
// width, coloured by its mark.
func (s *Screen) appendLine(b []byte, ln Line) []byte {
	switch {
	case ln.Header:
		b = append(b, boldText...)
	case ln.Mark != 0:
		b = append(b, markColour[ln.Mark]...)
	}
	mark := byte(' ')
	if ln.Mark != 0 {
		mark = byte(ln.Mark)
	}
	text := string([]byte{mark, ' '}) + ln.Text
	b = s.appendText(b, text, false)
	if ln.Header || ln.Mark != 0 {
		b = append(b, colourReset...)
	}
	return b
}

// appendText appends t escaped and cut to the screen width; pad fills the
// line to the width.
func (s *Screen) appendText(b []byte, t string, pad bool) []byte {
	if s.esc == nil {
		s.esc = termsafe.NewWriter(&s.safe)
	}
	s.safe.Reset()
	s.esc.Write([]byte(t))
	s.esc.Flush()
	text := s.safe.Bytes()
	n := 0
	for len(text) > 0 && (s.Width <= 0 || n < s.Width) {
		_, size := utf8.DecodeRune(text)
		b = append(b, text[:size]...)
		text = text[size:]
		n++
	}
	for pad && n < s.Width {
		b = append(b, ' ')
		n++
	}
	return b
}

// fit chooses the lines shown in rows lines: every header, then marked
// rows, then unmarked rows, each in frame order, while there is room. It
// returns which lines are kept and how many rows were left out.
func fit(lines []Line, rows int) (keep []bool, hidden int) {
	keep = make([]bool, len(lines))
	room := rows
	for _, pass := range []func(Line) bool{
		func(l Line) bool { return l.Header },
		func(l Line) bool { return !l.Header && l.Mark != 0 },
		func(l Line) bool { return !l.Header && l.Mark == 0 },
	} {
		for i, l := range lines {
			if !pass(l) {
				continue
			}
			if room > 0 {
				keep[i] = true
				room--
			} else if !l.Header {
				hidden++
			}
		}
	}
	return keep, hidden
}
