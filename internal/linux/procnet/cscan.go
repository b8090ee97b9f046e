package procnet

// cScanner walks a line with the conversion rules of glibc sscanf, for the
// few directives the /proc/net formats of net-tools use.
type cScanner struct {
	b []byte
	i int
}

// space consumes any white space, as a blank in a scanf format does.
func (s *cScanner) space() {
	for s.i < len(s.b) && isCSpace(s.b[s.i]) {
		s.i++
	}
}

// literal consumes c if it is the next byte.
func (s *cScanner) literal(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// unsigned is %X / %lX (base 16) or %lu (base 10): the full 64-bit result of
// strtoul. Callers cut it to 32 bits for the int-sized directives.
func (s *cScanner) unsigned(base int) (uint64, bool) {
	v, n, ok := cStrtoul(s.b[s.i:], base)
	s.i += n
	return v, ok
}

// signed is %d: strtol's result, which the caller cuts to 32 bits.
func (s *cScanner) signed() (int64, bool) {
	v, n, ok := cStrtol(s.b[s.i:], 10)
	s.i += n
	return v, ok
}

// hexRun is %N[0-9A-Fa-f]: at least one and at most max hex digits, with no
// white space skipped first.
func (s *cScanner) hexRun(max int) ([]byte, bool) {
	start := s.i
	for s.i < len(s.b) && s.i-start < max && digitVal(s.b[s.i]) < 16 {
		s.i++
	}
	return s.b[start:s.i], s.i > start
}

// word is %s: white space skipped, then at least one non-blank byte.
func (s *cScanner) word() ([]byte, bool) {
	s.space()
	start := s.i
	for s.i < len(s.b) && !isCSpace(s.b[s.i]) {
		s.i++
	}
	return s.b[start:s.i], s.i > start
}
