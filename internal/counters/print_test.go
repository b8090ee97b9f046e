package counters

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

// fakeSource serves records from memory; a nil error field means the file
// was read whole.
type fakeSource struct {
	snmp, netstat, snmp6 []Section
	sctp                 []Counter
	snmpErr, netstatErr  error
	snmp6Err, sctpErr    error
}

func (f *fakeSource) SNMP() ([]Section, error)    { return f.snmp, f.snmpErr }
func (f *fakeSource) Netstat() ([]Section, error) { return f.netstat, f.netstatErr }
func (f *fakeSource) SNMP6() ([]Section, error)   { return f.snmp6, f.snmp6Err }
func (f *fakeSource) SCTP() ([]Counter, error)    { return f.sctp, f.sctpErr }

// sec builds a section from "Key=value" words.
func sec(name string, kv ...string) Section {
	s := Section{Name: name}
	for _, w := range kv {
		k, v, _ := strings.Cut(w, "=")
		var n uint64
		fmt.Sscan(v, &n)
		s.Counters = append(s.Counters, Counter{k, n})
	}
	return s
}

// zeros builds a section whose counters are all 0.
func zeros(name, keys string) Section {
	return sec(name, strings.Fields(keys)...)
}

// print runs Print with the options of a command line.
func printStats(t *testing.T, src Source, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	opts, code, done := cli.Parse(append([]string{"netstat"}, args...), &out, &errb)
	if done {
		t.Fatalf("parse %v: exit %d: %s", args, code, errb.String())
	}
	code = Print(&out, &errb, opts, src)
	return out.String(), errb.String(), code
}

// kernel618 is the all-zero key set of a 6.18 kernel (§6.2 of the spec).
func kernel618() *fakeSource {
	return &fakeSource{
		snmp: []Section{
			zeros("Ip", "Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates OutTransmits"),
			zeros("Icmp", "InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps"),
			zeros("IcmpMsg", "InType3 OutType3"),
			zeros("Tcp", "RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors"),
			zeros("Udp", "InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors"),
			zeros("UdpLite", "InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors"),
		},
		netstat: []Section{
			zeros("TcpExt", "SyncookiesSent TW TCPHPHits TCPTimeouts TCPBacklogCoalesce"),
			zeros("IpExt", "InOctets OutOctets"),
			zeros("MPTcpExt", "MPCapableSYNRX"),
		},
		snmp6: []Section{
			zeros("Ip6", "Ip6InReceives Ip6InHdrErrors Ip6InDiscards Ip6InDelivers Ip6OutForwDatagrams Ip6OutRequests Ip6InOctets"),
			zeros("Icmp6", "Icmp6InMsgs Icmp6InErrors Icmp6OutMsgs Icmp6OutErrors Icmp6InCsumErrors Icmp6OutRateLimitHost Icmp6InDestUnreachs Icmp6InMLDv2Reports Icmp6OutDestUnreachs Icmp6OutMLDv2Reports"),
			zeros("Udp6", "Udp6InDatagrams Udp6NoPorts Udp6InErrors Udp6OutDatagrams Udp6RcvbufErrors"),
			zeros("UdpLite6", "UdpLite6InDatagrams"),
		},
		sctpErr: &fs.PathError{Op: "open", Path: "/proc/net/sctp/snmp", Err: fs.ErrNotExist},
	}
}

const zeroIPv4 = `Ip:
    0 total packets received
    0 forwarded
    0 incoming packets discarded
    0 incoming packets delivered
    0 requests sent out
Icmp:
    0 ICMP messages received
    0 input ICMP message failed
    ICMP input histogram:
    0 ICMP messages sent
    0 ICMP messages failed
    ICMP output histogram:
IcmpMsg:
Tcp:
    0 active connection openings
    0 passive connection openings
    0 failed connection attempts
    0 connection resets received
    0 connections established
    0 segments received
    0 segments sent out
    0 segments retransmitted
    0 bad segments received
    0 resets sent
Udp:
    0 packets received
    0 packets to unknown port received
    0 packet receive errors
    0 packets sent
    0 receive buffer errors
    0 send buffer errors
UdpLite:
TcpExt:
    0 packet headers predicted
IpExt:
MPTcpExt:
`

const zeroIPv6 = `Ip6:
    0 total packets received
    0 incoming packets discarded
    0 incoming packets delivered
    0 forwarded
    0 requests sent out
Icmp6:
    0 ICMP messages received
    0 input ICMP message failed
    0 ICMP messages sent
    ICMP input histogram:
        ICMP output histogram:
Udp6:
    0 packets received
    0 packets to unknown port received
    0 packet receive errors
    0 packets sent
UdpLite6:
Tcp:
    0 active connection openings
    0 passive connection openings
    0 failed connection attempts
    0 connection resets received
    0 connections established
    0 segments received
    0 segments sent out
    0 segments retransmitted
    0 bad segments received
    0 resets sent
`

func TestAllZero(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-s"}, zeroIPv4},
		{[]string{"-sc"}, zeroIPv4},
		{[]string{"-s", "-4"}, zeroIPv4},
		{[]string{"-s", "-6"}, zeroIPv6},
		{[]string{"-s", "-A", "inet6"}, zeroIPv6},
		{[]string{"-sU"}, "IcmpMsg:\nUdpLite:\nIpExt:\nMPTcpExt:\n"},
		{[]string{"-st6"}, "UdpLite6:\nTcp:\n" + strings.SplitN(zeroIPv6, "Tcp:\n", 2)[1]},
	} {
		out, errOut, code := printStats(t, kernel618(), tc.args...)
		if out != tc.want || errOut != "" || code != 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s\nwant:\n%s", tc.args, code, errOut, out, tc.want)
		}
	}
}

func TestIndentationLeaks(t *testing.T) {
	src := &fakeSource{
		snmp: []Section{
			sec("Icmp", "InMsgs=1", "InErrors=0", "InDestUnreachs=1"),
			sec("IcmpMsg", "InType3=1", "OutType0=0"),
			sec("Ip", "Forwarding=2", "InReceives=5", "InHdrErrors=0", "OutTransmits=3"),
		},
		netstat: []Section{sec("TcpExt", "TW=9", "TCPTimeouts=2", "TCPBacklogCoalesce=1")},
		sctpErr: fs.ErrNotExist,
	}
	want := "Icmp:\n    1 ICMP messages received\n    0 input ICMP message failed\n    ICMP input histogram:\n" +
		"        destination unreachable: 1\nIcmpMsg:\n        InType3: 1\nIp:\n    Forwarding: 2\n" +
		"    5 total packets received\n    OutTransmits: 3\nTcpExt:\n    9 TCP sockets finished time wait in fast timer\n" +
		"    TCPTimeouts: 2\n    TCPBacklogCoalesce: 1\n"
	if out, _, _ := printStats(t, src, "-s"); out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestFamilies(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-s", "-x"}, "netstat: No statistics support for specified address family: unix\n"},
		{[]string{"-s", "-A", "inet,inet6"}, "netstat: No statistics support for specified address family: inet,inet6\n"},
		{[]string{"-s", "-4", "-4"}, "netstat: No statistics support for specified address family: inet,inet\n"},
	} {
		out, errOut, code := printStats(t, kernel618(), tc.args...)
		if out != tc.want || errOut != "" || code != 1 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", tc.args, code, errOut, out)
		}
	}
}

func TestFileProblems(t *testing.T) {
	missing := &fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}
	denied := &fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}
	readErr := &ReadError{Path: "x", Err: &fs.PathError{Op: "read", Path: "x", Err: syscall.EISDIR}}
	format := fmt.Errorf("%w: bad pair", ErrFormat)
	tcp := []Section{sec("Tcp", "ActiveOpens=1")}
	for _, tc := range []struct {
		name    string
		src     *fakeSource
		args    []string
		out, er string
	}{
		{"no snmp", &fakeSource{snmpErr: missing}, []string{"-s"}, "",
			"cannot open /proc/net/snmp: No such file or directory\n"},
		{"denied snmp", &fakeSource{snmpErr: denied}, []string{"-s"}, "",
			"cannot open /proc/net/snmp: Permission denied\n"},
		{"no snmp6", &fakeSource{snmp6Err: missing, snmp: tcp}, []string{"-s", "-6"}, "",
			"cannot open /proc/net/snmp6: No such file or directory\n"},
		{"no snmp in IPv6 mode", &fakeSource{snmpErr: missing}, []string{"-s", "-6"}, "",
			"cannot open /proc/net/snmp: No such file or directory\n"},
		{"optional files", &fakeSource{snmp: tcp, netstatErr: denied, sctpErr: missing}, []string{"-s"},
			"Tcp:\n    1 active connection openings\n", ""},
		{"read errors", &fakeSource{snmp: tcp, snmpErr: readErr, netstatErr: readErr, sctpErr: readErr}, []string{"-s"},
			"Tcp:\n    1 active connection openings\nSctp:\n",
			"/proc/net/snmp: Is a directory\n/proc/net/netstat: Is a directory\n/proc/net/sctp/snmp: Is a directory\n"},
		{"format errors", &fakeSource{snmp: tcp, snmpErr: format, netstatErr: format, sctpErr: missing}, []string{"-s"},
			"Tcp:\n    1 active connection openings\n",
			"Problem while parsing /proc/net/snmp\nProblem while parsing /proc/net/netstat\n"},
		{"format error in IPv6 mode", &fakeSource{snmp: tcp, snmpErr: format}, []string{"-s", "-6"},
			"Tcp:\n    1 active connection openings\n", ""},
	} {
		out, errOut, code := printStats(t, tc.src, tc.args...)
		if out != tc.out || errOut != tc.er || code != 0 {
			t.Errorf("%s: exit %d\nstdout %q\nwant   %q\nstderr %q\nwant   %q", tc.name, code, out, tc.out, errOut, tc.er)
		}
	}
}

func TestSCTP(t *testing.T) {
	src := &fakeSource{
		snmp: []Section{sec("Tcp", "ActiveOpens=1")},
		sctp: []Counter{{"SctpCurrEstab", 2}, {"SctpAborteds", 0}, {"SctpT1InitExpireds", 0}, {"SctpNew", 4}},
	}
	want := "Sctp:\n    2 Current Associations\n    0 Number of Aborteds \n    SctpNew: 4\n"
	if out, _, _ := printStats(t, src, "-sS"); out != want {
		t.Errorf("-sS: got %q, want %q", out, want)
	}
	if out, _, _ := printStats(t, src, "-st"); out != "Tcp:\n    1 active connection openings\n" {
		t.Errorf("-st: got %q", out)
	}
}

func TestCounterSigned(t *testing.T) {
	if got := (Counter{"MaxConn", 1<<64 - 1}).Signed(); got != -1 {
		t.Errorf("Signed = %d", got)
	}
}
