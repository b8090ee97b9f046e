package procnet

import (
	"bufio"
	"bytes"
	"io"
)

// cStream reads a /proc file the way a C program does with successive
// fgets(buf, size, fp) calls, where size may change from call to call (the
// route readers read the header with a smaller buffer than the rows).
type cStream struct {
	br  *bufio.Reader
	buf []byte
}

// newCStream wraps r. The wrapping struct keeps bufio from reusing a reader
// the caller passed in.
func newCStream(r io.Reader) *cStream {
	return &cStream{br: bufio.NewReader(struct{ io.Reader }{r})}
}

// fgets returns the next piece of at most size-1 bytes, ending after a
// newline if one comes first, cut at its first NUL byte as a C string would
// be. It reports false at end of file or on a read error, which fgets does
// not tell apart from the end of file either. The returned slice is valid
// until the next call.
func (s *cStream) fgets(size int) ([]byte, bool) {
	s.buf = s.buf[:0]
	for len(s.buf) < size-1 {
		c, err := s.br.ReadByte()
		if err != nil {
			break
		}
		s.buf = append(s.buf, c)
		if c == '\n' {
			break
		}
	}
	if len(s.buf) == 0 {
		return nil, false
	}
	line := s.buf
	if i := bytes.IndexByte(line, 0); i >= 0 {
		line = line[:i]
	}
	return line, true
}

// wScanner applies glibc sscanf directives that carry a field width (%4s,
// %02x, %15c, …) to one line. Every method reports whether the directive
// matched; after a failure the caller stops, as sscanf does.
type wScanner struct {
	b []byte
	i int
}

// skipBlank consumes white space, as a blank (or a \t) in a format does.
func (s *wScanner) skipBlank() {
	for s.i < len(s.b) && isCSpace(s.b[s.i]) {
		s.i++
	}
}

// limit returns the unread input, cut to width bytes when width > 0.
func (s *wScanner) limit(width int) []byte {
	rest := s.b[s.i:]
	if width > 0 && len(rest) > width {
		rest = rest[:width]
	}
	return rest
}

// str is %Ns (width 0: %s): blanks skipped, then 1 to N non-blank bytes.
func (s *wScanner) str(width int) (string, bool) {
	s.skipBlank()
	rest := s.limit(width)
	n := 0
	for n < len(rest) && !isCSpace(rest[n]) {
		n++
	}
	s.i += n
	return string(rest[:n]), n > 0
}

// hex is %Nx or %NX into an unsigned int: strtoul's 64-bit result cut to
// 32 bits.
func (s *wScanner) hex(width int) (uint32, bool) {
	s.skipBlank()
	v, n, ok := cStrtoul(s.limit(width), 16)
	s.i += n
	return uint32(v), ok
}

// dec is %Nd into an int: strtol's 64-bit result cut to 32 bits.
func (s *wScanner) dec(width int) (int32, bool) {
	s.skipBlank()
	v, n, ok := cStrtol(s.limit(width), 10)
	s.i += n
	return int32(v), ok
}

// hexSet is %N[0-9A-Fa-f]: no blanks skipped, 1 to N hex digits.
func (s *wScanner) hexSet(width int) (string, bool) {
	rest := s.limit(width)
	n := 0
	for n < len(rest) && digitVal(rest[n]) < 16 {
		n++
	}
	s.i += n
	return string(rest[:n]), n > 0
}

// chars is %Nc: no blanks skipped, up to N bytes of any kind. glibc counts
// the directive as matched when the line ends early but at least one byte
// was read.
func (s *wScanner) chars(width int) ([]byte, bool) {
	rest := s.limit(width)
	s.i += len(rest)
	return rest, len(rest) > 0
}

// hexQuad is net-tools' INET_getsock: the first eight characters of text as
// four hex byte pairs, in the order the kernel printed them (the host-order
// word of a little-endian machine), giving the address bytes in reverse. It
// reports false, and leaves the caller's previous value in force, when any
// of the eight is not a hex digit.
func hexQuad(text string) ([4]byte, bool) {
	var b [4]byte
	if len(text) < 8 {
		return b, false
	}
	for i := 0; i < 4; i++ {
		hi, lo := digitVal(text[2*i]), digitVal(text[2*i+1])
		if hi > 15 || lo > 15 {
			return b, false
		}
		b[3-i] = byte(hi<<4 | lo)
	}
	return b, true
}
