package churn

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Headers of the TCP listing with -a, as net-tools prints them.
const (
	inetTitle     = "Active Internet connections (servers and established)"
	inetHeadP     = "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    "
	inetHeadPE    = "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name    "
	numberPattern = `[0-9]+`
)

// tcpStates is every state net-tools can print for a TCP socket.
var tcpStates = map[string]bool{
	"ESTABLISHED": true, "SYN_SENT": true, "SYN_RECV": true, "FIN_WAIT1": true,
	"FIN_WAIT2": true, "TIME_WAIT": true, "CLOSE": true, "CLOSE_WAIT": true,
	"LAST_ACK": true, "LISTEN": true, "CLOSING": true,
}

// inetLayout is the row of `netstat -tanp` (extended adds -e's User and
// Inode): "%-4s  %6ld %6ld %-23s %-23s %-11s", then " %-10s %-10lu " with
// -e or " " without, then the PID/Program name column padded to 20.
func inetLayout(extended bool) []field {
	l := []field{
		f("proto", "tcp6|tcp", 4, "  "),
		{name: "recv-q", re: anchored(numberPattern), width: 6, right: true, sep: " "},
		{name: "send-q", re: anchored(numberPattern), width: 6, right: true, sep: " "},
		f("local", `\S+`, 23, " "),
		f("foreign", `\S+`, 23, " "),
		f("state", `[A-Z_0-9]+`, 11, " "),
	}
	if extended {
		l = append(l, f("user", `\S+`, 10, " "), f("inode", numberPattern, 10, " "))
	}
	return append(l, field{name: "program", re: anchored(`-|[0-9]+/.*`), width: 20, rest: true})
}

// inetAddrs are the only hosts a socket in the test namespace can have.
var inetAddrs = map[string]bool{"127.0.0.1": true, "0.0.0.0": true, "::1": true, "::": true}

// checkInetRow parses one TCP row and checks every value: a known state,
// numeric queues, addresses of this namespace, root as the user, and a
// program that is "-" or one of the processes the test started.
func checkInetRow(line string, extended bool, procs *procSet) error {
	v, err := parseFields(line, inetLayout(extended))
	if err != nil {
		return err
	}
	proto, local, foreign, state := v[0], v[3], v[4], v[5]
	if !tcpStates[state] {
		return fmt.Errorf("state %q is not a TCP state", state)
	}
	// A socket caught while it closes can already have given its port back
	// (the kernel zeroes it on unhash): /proc and sock_diag then show local
	// port 0, which net-tools prints as '*'. Only CLOSE rows may do that.
	if err := checkInetAddr(proto, local, state == "CLOSE"); err != nil {
		return fmt.Errorf("local address: %w", err)
	}
	if err := checkInetAddr(proto, foreign, true); err != nil {
		return fmt.Errorf("foreign address: %w", err)
	}
	if extended && v[6] != "0" {
		return fmt.Errorf("user %q, want 0 (every socket belongs to root, -n prints numbers)", v[6])
	}
	return procs.check(v[len(v)-1])
}

// checkInetAddr checks host:port: a namespace address (IPv4 for tcp, either
// for tcp6, whose v4-mapped addresses print as IPv4) and a port number, or
// "*" for port 0 when wild is allowed.
func checkInetAddr(proto, s string, wild bool) error {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return fmt.Errorf("%q has no port", s)
	}
	host, port := s[:i], s[i+1:]
	addr, err := netip.ParseAddr(host)
	if err != nil || !inetAddrs[host] {
		return fmt.Errorf("%q: host is not an address of the namespace", s)
	}
	if proto == "tcp" && !addr.Is4() {
		return fmt.Errorf("%q: IPv6 host in a tcp row", s)
	}
	if port == "*" && wild {
		return nil
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 || port != strconv.Itoa(n) {
		return fmt.Errorf("%q: bad port", s)
	}
	return nil
}
