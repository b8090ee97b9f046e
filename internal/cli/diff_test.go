package cli

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// referenceNetstat is the net-tools binary Parse is checked against.
const referenceNetstat = "/usr/bin/netstat"

// requireReference fails the test when the reference binary is missing:
// these tests are the proof of byte-exactness and must not pass vacuously.
func requireReference(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(referenceNetstat); err != nil {
		t.Fatalf("net-tools 2.10 is required for the differential tests (%s: %v); install the net-tools package", referenceNetstat, err)
	}
}

// outcome is everything observable about a run that ends during parsing.
type outcome struct {
	Stdout, Stderr string
	Exit           int
}

// runReference runs the real netstat with the given argv[0] and arguments
// in the C locale.
func runReference(t *testing.T, argv0 string, args []string, posix bool) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, referenceNetstat)
	cmd.Args = append([]string{argv0}, args...)
	cmd.Env = []string{"LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	if posix {
		cmd.Env = append(cmd.Env, "POSIXLY_CORRECT=1")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running %s %q: %v", referenceNetstat, args, err)
	}
	return outcome{stdout.String(), stderr.String(), code}
}

// runParse runs Parse on the same command line; done reports whether it
// ended the program during parsing.
func runParse(argv0 string, args []string, posix bool) (outcome, bool) {
	var stdout, stderr bytes.Buffer
	_, code, done := parse(append([]string{argv0}, args...), &stdout, &stderr, posix)
	return outcome{stdout.String(), stderr.String(), code}, done
}

// compareWithReference checks that Parse ends the program for args and
// writes exactly what the reference writes.
func compareWithReference(t *testing.T, argv0 string, args []string, posix bool) {
	t.Helper()
	got, done := runParse(argv0, args, posix)
	if !done {
		t.Errorf("argv0=%q args=%q: Parse did not end the program; not a parse-time case", argv0, args)
		return
	}
	want := runReference(t, argv0, args, posix)
	if got != want {
		t.Errorf("argv0=%q args=%q:\n got exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q",
			argv0, args, got.Exit, got.Stdout, got.Stderr, want.Exit, want.Stdout, want.Stderr)
	}
}

// parseTimeCases are command lines that the reference finishes before it
// reads any kernel state: errors, help, version, and cases ending in -V
// after options with visible side effects.
var parseTimeCases = [][]string{
	// Unknown options.
	{"-y"}, {"-T"}, {"-I"}, {"-Ieth0"}, {"-I=eth0"}, {"-:"}, {"-;"}, {"-\xc3\xa9"}, {"-tuy"},
	{"--foo"}, {"--foo=bar"}, {"--notrim"}, {"--econet"}, {"--ec"}, {"--ash"}, {"--ip6"},
	{"--inet7"}, {"--tcpipx"},
	// Missing arguments.
	{"-A"}, {"-tA"}, {"--protocol"}, {"--prot"},
	// Arguments to flag options.
	{"--statistics=1"}, {"--st=1"}, {"--interface=eth0"}, {"--tcpip=1"}, {"--unix=1"},
	{"--inet=x"}, {"--numeric-h=1"}, {"--help=1"}, {"--version="},
	// Ambiguous abbreviations.
	{"--in"}, {"--u"}, {"--a"}, {"--n"}, {"--ro"}, {"--tc=1"}, {"--tc"}, {"--i"}, {"--ver"},
	{"--=foo"}, {"--="}, {"--numeric-"}, {"--l"}, {"--c"}, {"--p"}, {"--pr=inet"}, {"--r"},
	{"--s"}, {"--e", "-V"}, {"--t"},
	// -? and conflicting modes.
	{"-?"}, {"-t?"}, {"-rr"}, {"-ii"}, {"-ss"}, {"-MM"}, {"-ri"}, {"-r", "-s"},
	{"-s", "--route"}, {"-M", "-i"}, {"--interfaces", "--masq"}, {"-r", "x", "-r"},
	{"-s", "-y", "-r"},
	// Immediate side effects, left to right.
	{"-y", "-V"}, {"-V", "-y"}, {"-h", "-y"}, {"-y", "-h"}, {"-Vh"}, {"-hV"}, {"-rV"},
	{"-r", "-i", "-V"}, {"-tulpnV"}, {"-tulpn", "-y"}, {"foo", "-y"}, {"-", "-V"},
	{"", "-V"}, {"-c", "5", "-V"},
	// Families.
	{"-A", "foo"}, {"-Afoo,inet"}, {"-Ainet,foo"}, {"-A", "inet,"}, {"-A", ","}, {"-A", ""},
	{"--protocol=inet,bar"}, {"--protocol="}, {"--protocol", "--"}, {"-A", "--"},
	{"--protocol", "-V"}, {"-A", "ec"}, {"-A", "INET"}, {"-A", "inet", "-A", "foo"},
	{"-A", "inet6,ip6,ip,tcpip,unix,x", "-V"}, {"-Aecon"}, {"-A", strings.Repeat("x", 300)},
	{"-A", strings.Repeat("inet6,", 60)},
	{"-A", "unix" + strings.Repeat(",unix", 29), "-A", "unix" + strings.Repeat(",unix", 29), "-A", "ip,foo", "-V"},
	{"-A", strings.Repeat("ip,", 100) + "bad", "-A", "bad"},
	// Side effects that do not end parsing, made visible by a final -V.
	{"--tcpip", "-V"}, {"--tcpip", "-y"}, {"--tcpip", "--tcpip", "-V"}, {"-4", "-6", "-x", "--unix", "-V"},
	{"--x", "--ine", "--bl", "-V"}, {"--prot=inet", "-V"}, {"-d", "-V"},
	// SELinux, help, version.
	{"-Z"}, {"-tZ"}, {"--context"}, {"--con"}, {"-Zy"}, {"-yZ"},
	{"-h"}, {"--help"}, {"--he"}, {"-h", "-r", "-i"},
	{"-V"}, {"--version"}, {"--vers"}, {"-V", "--", "-y"},
	// "--" and argument consumption.
	{"-y", "--"}, {"-A", "--", "-y"}, {"-V", "--"}, {"-t", "--protocol", "--", "-V"},
}

// TestDifferentialParseTime compares Parse with the reference for every
// parse-time case, under several argv[0] spellings.
func TestDifferentialParseTime(t *testing.T) {
	requireReference(t)
	if len(parseTimeCases) < 40 {
		t.Fatalf("only %d differential cases", len(parseTimeCases))
	}
	for _, args := range parseTimeCases {
		compareWithReference(t, referenceNetstat, args, false)
	}
	t.Logf("%d parse-time command lines compared", len(parseTimeCases))
}

// TestDifferentialArgv0 checks that getopt messages use argv[0] exactly as
// invoked while netstat's own texts keep the literal "netstat".
func TestDifferentialArgv0(t *testing.T) {
	requireReference(t)
	argv0s := []string{"netstat", "./ns", "/some/where/my-netstat", "", "name with spaces", "%s%d"}
	cases := [][]string{
		{"-y"}, {"--foo=bar"}, {"-A"}, {"--protocol"}, {"--statistics=1"}, {"--in"}, {"-?"},
		{"-ri"}, {"-A", "foo"}, {"-Z"}, {"-h"}, {"-V"}, {"--tcpip", "-y"},
	}
	for _, argv0 := range argv0s {
		for _, args := range cases {
			compareWithReference(t, argv0, args, false)
		}
	}
}

// TestDifferentialPosixlyCorrect checks the cases that still end during
// parsing when POSIXLY_CORRECT stops the scan at the first non-option.
func TestDifferentialPosixlyCorrect(t *testing.T) {
	requireReference(t)
	for _, args := range [][]string{
		{"-y", "foo"}, {"-V", "foo", "-y"}, {"-r", "-i", "foo", "-x"}, {"-A", "foo", "bar"},
		{"-tA", "-y", "x"}, {"--protocol", "x", "-V"}, {"-h", "x"},
	} {
		compareWithReference(t, "netstat", args, true)
	}
}

// differentialTokens are the words random command lines are made of.
var differentialTokens = []string{
	"-t", "-u", "-U", "-S", "-w", "-x", "-4", "-6", "-2", "-f", "-g", "-e", "-ee", "-a", "-l",
	"-n", "-N", "-p", "-o", "-W", "-v", "-c", "-C", "-F", "-d", "-r", "-i", "-s", "-M",
	"-A", "inet", "unix,inet6", "foo", "-Ainet", "-Aecon", "-Aunix,ip6", "-tulpn", "-ri", "-y",
	"-?", "-h", "-V", "-Z", "--", "-", "x", "", "--in", "--inet", "--inet6", "--tcpip",
	"--unix", "--bluetooth", "--protocol", "--protocol=inet", "--protocol=", "--ver",
	"--version", "--numeric-h", "--numeric-", "--st", "--sta=1", "--rout", "--tc", "--tc=1",
	"--a", "--al", "--help", "--foo", "--=", "-T", "-:", "-A,", "--x", "--ax", "--l2", "--rf",
}

// TestDifferentialRandom compares Parse with the reference on random
// command lines. Lines that would reach the kernel listing get a final
// "-V", which makes the reference stop right after parsing; lines that
// still do not stop (a "--" hid the -V) are skipped.
func TestDifferentialRandom(t *testing.T) {
	requireReference(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	rng := rand.New(rand.NewSource(2026))
	compared := 0
	for i := 0; i < n; i++ {
		args := make([]string, 1+rng.Intn(5))
		for j := range args {
			args[j] = differentialTokens[rng.Intn(len(differentialTokens))]
		}
		if _, done := runParse("netstat", args, false); !done {
			args = append(args, "-V")
			if _, done := runParse("netstat", args, false); !done {
				continue
			}
		}
		compareWithReference(t, "netstat", args, false)
		compared++
	}
	if compared < n/2 {
		t.Errorf("only %d of %d random cases compared", compared, n)
	}
	t.Logf("%d random command lines compared", compared)
}

// TestDifferentialFamilyList checks the recorded family list against the
// one place the reference prints it without reading kernel state: -s with a
// list other than "inet" or "inet6" reports the whole list on stdout.
func TestDifferentialFamilyList(t *testing.T) {
	requireReference(t)
	for _, args := range [][]string{
		{"-x"}, {"-4", "-6"}, {"-6", "-x", "-4", "-x"}, {"--inet6", "--inet"}, {"-A", "inet,unix"},
		{"-Aip,ip6,tcpip,appletalk,econet,ash,ddp"}, {"--protocol=ax25,x25,ipx,netrom,rose,bluetooth"},
		{"--ax25", "--x25", "--ip", "--ipx", "--appletalk", "--netrom", "--rose", "--unix", "--bluetooth"},
		{"--ine", "--inet6", "--ax", "--x", "--ap", "--net", "--dd"}, {"--bl", "--dd"},
		{"--tcpip", "-x"}, {"-x", "--tcpip", "-t", "-ee"},
		{"-A", "unix" + strings.Repeat(",unix", 29), "-A", "unix" + strings.Repeat(",unix", 29), "-A", "ip"},
		{"-A", strings.Repeat("ip,", 100) + "x", "-x"},
	} {
		args = append([]string{"-s"}, args...)
		var stderr bytes.Buffer
		opts, _, done := parse(append([]string{"netstat"}, args...), &bytes.Buffer{}, &stderr, false)
		if done {
			t.Errorf("%q: Parse ended the program", args)
			continue
		}
		list := strings.Join(opts.Families, ",")
		if list == "" || list == "inet" || list == "inet6" {
			t.Fatalf("%q: bad case, the reference would print statistics", args)
		}
		want := runReference(t, "netstat", args, false)
		got := outcome{"netstat: No statistics support for specified address family: " + list + "\n", stderr.String(), 1}
		if got != want {
			t.Errorf("%q:\n got %+v\nwant %+v", args, got, want)
		}
	}
}
