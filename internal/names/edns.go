package names

import (
	"bufio"
	"encoding/binary"
	"io"
	"os"
	"strings"
)

// glibc's stub resolver sends plain DNS queries unless resolv.conf (or
// RES_OPTIONS) says "options edns0"; Go's resolver always appends an
// EDNS(0) OPT record. Some name servers and middleboxes drop queries that
// carry one, so the same reverse lookup that glibc answers at once would
// wait here for the whole timeout. The connection below removes the OPT
// record from each query unless EDNS(0) was asked for (see serverConn),
// so netstat asks what net-tools asks.

// optRecordLen is the length of the OPT record Go appends: an empty owner
// name (1), type (2), UDP payload size (2), extended flags (4) and an
// empty RDATA length (2).
const optRecordLen = 11

// typeOPT is the OPT pseudo-record's type.
const typeOPT = 41

// wantsEDNS reports whether glibc would send EDNS(0): an "options" line of
// the resolver configuration, or the RES_OPTIONS variable, names edns0.
//
// It reads them as glibc 2.36 does (checked against the reference in
// test/dns): an options line starts with "options" and a blank (space or
// tab) at the very start of the line, so an indented line, like a comment,
// does not count; options are separated by blanks only; and an option is
// recognised by its prefix, so "edns0x" and "edns0:1" ask for EDNS(0) too.
// Options lines add up.
func wantsEDNS(conf io.Reader, resOptions string) bool {
	if hasEDNS0(resOptions) {
		return true
	}
	if conf == nil {
		return false
	}
	sc := bufio.NewScanner(conf)
	found := false
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "options")
		if ok && rest != "" && isBlank(rest[0]) && hasEDNS0(rest) {
			found = true
		}
	}
	return found
}

// hasEDNS0 reports whether a blank-separated option list holds an option
// starting with edns0.
func hasEDNS0(options string) bool {
	for _, o := range strings.FieldsFunc(options, func(r rune) bool { return r == ' ' || r == '\t' }) {
		if strings.HasPrefix(o, "edns0") {
			return true
		}
	}
	return false
}

// isBlank reports whether c separates resolver options: a space or a tab.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// systemWantsEDNS reads /etc/resolv.conf, the file Go's resolver reads.
func systemWantsEDNS() bool {
	f, err := os.Open("/etc/resolv.conf")
	if err != nil {
		return wantsEDNS(nil, os.Getenv("RES_OPTIONS"))
	}
	defer f.Close()
	return wantsEDNS(f, os.Getenv("RES_OPTIONS"))
}

// withoutOPT returns a copy of the DNS message msg without its last
// additional record when that record is the only one and is an empty OPT
// record, as Go's resolver appends it; ok is false when msg has no such
// record, and msg is then to be sent as it is.
func withoutOPT(msg []byte) (plain []byte, ok bool) {
	const header = 12
	if len(msg) < header+optRecordLen || binary.BigEndian.Uint16(msg[10:12]) != 1 {
		return nil, false
	}
	opt := msg[len(msg)-optRecordLen:]
	if opt[0] != 0 || binary.BigEndian.Uint16(opt[1:3]) != typeOPT || binary.BigEndian.Uint16(opt[9:11]) != 0 {
		return nil, false
	}
	plain = append([]byte(nil), msg[:len(msg)-optRecordLen]...)
	binary.BigEndian.PutUint16(plain[10:12], 0)
	return plain, true
}
