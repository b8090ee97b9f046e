package cli

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// allProtocols is what rule 2 switches on.
func allProtocols(o *Options) {
	o.TCP, o.UDP, o.UDPLite, o.SCTP, o.Raw = true, true, true, true, true
}

// numeric is what -n sets.
func numeric(o *Options) {
	o.NumericHosts, o.NumericPorts, o.NumericUsers = true, true, true
}

func TestParseOptions(t *testing.T) {
	tests := []struct {
		args []string
		want func(o *Options)
		// stderr is what parsing may print without ending the program.
		stderr string
	}{
		{args: nil, want: func(o *Options) {}},
		{args: []string{"-d"}, want: func(o *Options) {}},
		{args: []string{"foo", "5", "-"}, want: func(o *Options) {}},
		{args: []string{"-tulpn"}, want: func(o *Options) {
			o.TCP, o.UDP, o.Listening, o.Programs = true, true, true, true
			numeric(o)
			o.Inet, o.Inet6 = true, true
			o.SocketKinds = 2
		}},
		{args: []string{"-antp4"}, want: func(o *Options) {
			o.All, o.TCP, o.Programs, o.Inet = true, true, true, true
			numeric(o)
			o.Families = []string{"inet"}
			o.SocketKinds = 1
		}},
		{args: []string{"-4", "-6"}, want: func(o *Options) {
			o.Inet, o.Inet6, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "inet6"}
			o.SocketKinds = 5
		}},
		{args: []string{"--inet6", "--inet"}, want: func(o *Options) {
			o.Inet, o.Inet6, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet6", "inet"}
			o.SocketKinds = 5
		}},
		{args: []string{"-A", "inet,unix"}, want: func(o *Options) {
			o.Inet, o.Unix, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "unix"}
			o.SocketKinds = 6
		}},
		{args: []string{"-Ainet,unix"}, want: func(o *Options) {
			o.Inet, o.Unix, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "unix"}
			o.SocketKinds = 6
		}},
		{args: []string{"--protocol=inet,unix"}, want: func(o *Options) {
			o.Inet, o.Unix, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "unix"}
			o.SocketKinds = 6
		}},
		{args: []string{"--protocol", "inet,unix"}, want: func(o *Options) {
			o.Inet, o.Unix, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "unix"}
			o.SocketKinds = 6
		}},
		{args: []string{"--prot", "unix", "-x", "--unix"}, want: func(o *Options) {
			o.Unix = true
			o.Families = []string{"unix", "unix", "unix"}
			o.SocketKinds = 3
		}},
		{args: []string{"-A", "tcpip,ip,ip6,appletalk,econet,ash,ddp"}, want: func(o *Options) {
			o.Inet, o.Inet6, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "inet", "inet6", "ddp", "ec", "ash", "ddp"}
			o.SocketKinds = 5
		}},
		{args: []string{"-A", "ddp"}, want: func(o *Options) {
			o.Families = []string{"ddp"}
		}},
		{args: []string{"--ax25", "--ipx", "--netrom", "--rose", "--x25"}, want: func(o *Options) {
			o.AX25, o.IPX, o.NetROM, o.Rose, o.X25 = true, true, true, true, true
			o.Families = []string{"ax25", "ipx", "netrom", "rose", "x25"}
			o.SocketKinds = 5
		}},
		{args: []string{"--ine", "--x"}, want: func(o *Options) {
			o.Inet, o.X25, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "x25"}
			o.SocketKinds = 6
		}},
		{args: []string{"-ee"}, want: func(o *Options) { o.Extend = 2 }},
		{args: []string{"-e", "-r", "--ext", "-e"}, want: func(o *Options) { o.Extend, o.Mode = 3, ModeRoutes }},
		{args: []string{"-tt", "-t"}, want: func(o *Options) {
			o.TCP, o.Inet, o.Inet6 = true, true, true
			o.SocketKinds = 3
		}},
		{args: []string{"-x", "-x"}, want: func(o *Options) {
			o.Unix = true
			o.Families = []string{"unix", "unix"}
			o.SocketKinds = 2
		}},
		{args: []string{"-s"}, want: func(o *Options) {
			o.Mode, o.NoProt, o.Inet, o.Inet6 = ModeStatistics, true, true, true
			allProtocols(o)
			o.SocketKinds = 5
		}},
		{args: []string{"--st", "-t"}, want: func(o *Options) {
			o.Mode, o.TCP, o.Inet, o.Inet6 = ModeStatistics, true, true, true
			o.SocketKinds = 1
		}},
		{args: []string{"-s6", "-p"}, want: func(o *Options) {
			o.Mode, o.NoProt, o.Inet6, o.Programs = ModeStatistics, true, true, true
			allProtocols(o)
			o.Families = []string{"inet6"}
			o.SocketKinds = 5
		}},
		{args: []string{"-g"}, want: func(o *Options) {
			o.Groups, o.Inet, o.Inet6 = true, true, true
			o.SocketKinds = 1
		}},
		{args: []string{"-g", "-4"}, want: func(o *Options) {
			o.Groups, o.Inet, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet"}
			o.SocketKinds = 6
		}},
		{args: []string{"--groups", "-t"}, want: func(o *Options) {
			o.Groups, o.TCP, o.Inet, o.Inet6 = true, true, true, true
			o.SocketKinds = 2
		}},
		{args: []string{"-4", "-x"}, want: func(o *Options) {
			o.Inet, o.Unix, o.NoProt = true, true, true
			allProtocols(o)
			o.Families = []string{"inet", "unix"}
			o.SocketKinds = 6
		}},
		{args: []string{"--bluetooth"}, want: func(o *Options) {
			o.Bluetooth, o.L2CAP, o.RFCOMM = true, true, true
			o.Families = []string{"bluetooth"}
			o.SocketKinds = 2
		}},
		{args: []string{"-f", "--bluetooth"}, want: func(o *Options) {
			o.Bluetooth, o.RFCOMM = true, true
			o.Families = []string{"bluetooth"}
			o.SocketKinds = 1
		}},
		{args: []string{"-2"}, want: func(o *Options) { o.L2CAP, o.SocketKinds = true, 1 }},
		{args: []string{"--l2cap", "--rfcomm"}, want: func(o *Options) {
			o.L2CAP, o.RFCOMM, o.SocketKinds = true, true, 2
		}},
		{args: []string{"-U", "-S", "-w"}, want: func(o *Options) {
			o.UDPLite, o.SCTP, o.Raw, o.Inet, o.Inet6 = true, true, true, true, true
			o.SocketKinds = 3
		}},
		{args: []string{"--udplite", "--sctp", "--raw", "--udp", "--tcp"}, want: func(o *Options) {
			allProtocols(o)
			o.Inet, o.Inet6 = true, true
			o.SocketKinds = 5
		}},
		{args: []string{"-n"}, want: numeric},
		{args: []string{"--numeric"}, want: numeric},
		{args: []string{"--numeric-hosts"}, want: func(o *Options) { o.NumericHosts = true }},
		{args: []string{"--numeric-p"}, want: func(o *Options) { o.NumericPorts = true }},
		{args: []string{"--numeric-users"}, want: func(o *Options) { o.NumericUsers = true }},
		{args: []string{"-N"}, want: func(o *Options) { o.Symbolic = true }},
		{args: []string{"--symbolic"}, want: func(o *Options) { o.Symbolic = true }},
		{args: []string{"-al", "-W", "-v", "-o", "-c", "5"}, want: func(o *Options) {
			o.All, o.Listening, o.Wide, o.Verbose, o.Timers, o.Continuous = true, true, true, true, true, true
		}},
		{args: []string{"--all", "--listening", "--wide", "--verbose", "--timers", "--continuous", "--programs"}, want: func(o *Options) {
			o.All, o.Listening, o.Wide, o.Verbose, o.Timers, o.Continuous, o.Programs = true, true, true, true, true, true, true
		}},
		{args: []string{"-r", "foo", "-C"}, want: func(o *Options) { o.Mode, o.Cache = ModeRoutes, true }},
		{args: []string{"--rout", "--cache", "--fib"}, want: func(o *Options) { o.Mode, o.Cache, o.FIB = ModeRoutes, true, true }},
		{args: []string{"-r", "--", "-i", "-y"}, want: func(o *Options) { o.Mode = ModeRoutes }},
		{args: []string{"-i", "-a", "-6"}, want: func(o *Options) {
			o.Mode, o.All, o.Inet6, o.NoProt = ModeInterfaces, true, true, true
			allProtocols(o)
			o.Families = []string{"inet6"}
			o.SocketKinds = 5
		}},
		{args: []string{"--interface"}, want: func(o *Options) { o.Mode = ModeInterfaces }},
		{args: []string{"-M", "-c", "-n"}, want: func(o *Options) {
			o.Mode, o.Continuous = ModeMasquerade, true
			numeric(o)
		}},
		{args: []string{"--masq"}, want: func(o *Options) { o.Mode = ModeMasquerade }},
		{args: []string{"--tcpip"}, want: func(o *Options) {}, stderr: "netstat.c: Internal Error `longopts 1 range'.\n"},
		{
			args: []string{"-A", "unix" + strings.Repeat(",unix", 49), "-A", "unix,inet"},
			want: func(o *Options) {
				o.Unix = true
				o.Families = strings.Split("unix"+strings.Repeat(",unix", 50), ",")
				o.SocketKinds = 51
			},
			stderr: "Too much address family arguments.\n",
		},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		got, exit, done := parse(append([]string{"netstat"}, tt.args...), &stdout, &stderr, false)
		if done || exit != 0 {
			t.Errorf("%q: done=%v exit=%d stderr=%q", tt.args, done, exit, stderr.String())
			continue
		}
		want := &Options{}
		tt.want(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.args, *got, *want)
		}
		if stdout.Len() != 0 || stderr.String() != tt.stderr {
			t.Errorf("%q: stdout %q stderr %q, want stderr %q", tt.args, stdout.String(), stderr.String(), tt.stderr)
		}
	}
}

// TestParseEnds checks the exit status of command lines that end during
// parsing, and that they return no Options.
func TestParseEnds(t *testing.T) {
	tests := []struct {
		args []string
		exit int
	}{
		{[]string{"-V"}, ExitOK},
		{[]string{"-h"}, ExitOK},
		{[]string{"-?"}, ExitUsage},
		{[]string{"-y"}, ExitUsage},
		{[]string{"-rr"}, ExitUsage},
		{[]string{"-ri"}, ExitUsage},
		{[]string{"-s", "-M"}, ExitUsage},
		{[]string{"-A", "foo"}, ExitError},
		{[]string{"-Z"}, ExitError},
		{[]string{"--in"}, ExitUsage},
	}
	for _, tt := range tests {
		opts, exit, done := parse(append([]string{"netstat"}, tt.args...), &bytes.Buffer{}, &bytes.Buffer{}, false)
		if !done || exit != tt.exit || opts != nil {
			t.Errorf("%q: got done=%v exit=%d opts=%v, want done exit %d", tt.args, done, exit, opts, tt.exit)
		}
	}
}

// TestParsePosixlyCorrect checks that POSIXLY_CORRECT stops the scan at the
// first non-option, and that Parse reads it from the environment.
func TestParsePosixlyCorrect(t *testing.T) {
	argv := []string{"netstat", "-r", "foo", "-i"}
	opts, _, done := parse(argv, &bytes.Buffer{}, &bytes.Buffer{}, true)
	if done || opts.Mode != ModeRoutes {
		t.Errorf("require order: done=%v opts=%+v", done, opts)
	}
	if _, exit, done := parse(argv, &bytes.Buffer{}, &bytes.Buffer{}, false); !done || exit != ExitUsage {
		t.Errorf("permute: done=%v exit=%d, want the -r/-i conflict", done, exit)
	}
	t.Setenv("POSIXLY_CORRECT", "")
	if opts, _, done := Parse(argv, &bytes.Buffer{}, &bytes.Buffer{}); done || opts.Mode != ModeRoutes {
		t.Errorf("Parse with POSIXLY_CORRECT set: done=%v", done)
	}
}

// TestParseNulInArgument checks that a word is cut at a NUL byte, as a C
// program would see it.
func TestParseNulInArgument(t *testing.T) {
	opts, _, done := parse([]string{"netstat", "-A", "inet\x00foo", "-t\x00y"}, &bytes.Buffer{}, &bytes.Buffer{}, false)
	if done || !reflect.DeepEqual(opts.Families, []string{"inet"}) || !opts.TCP {
		t.Errorf("done=%v opts=%+v", done, opts)
	}
}

func TestParseEmptyArgv(t *testing.T) {
	opts, exit, done := parse(nil, &bytes.Buffer{}, &bytes.Buffer{}, false)
	if done || exit != 0 || !reflect.DeepEqual(opts, &Options{}) {
		t.Errorf("got %+v %d %v", opts, exit, done)
	}
}

func TestAnyNumeric(t *testing.T) {
	for _, args := range [][]string{{"-n"}, {"-N"}, {"--numeric-hosts"}, {"--numeric-ports"}, {"--numeric-users"}} {
		opts, _, _ := parse(append([]string{"netstat"}, args...), &bytes.Buffer{}, &bytes.Buffer{}, false)
		if !opts.AnyNumeric() {
			t.Errorf("%q: AnyNumeric false", args)
		}
	}
	if (&Options{}).AnyNumeric() {
		t.Error("AnyNumeric true without options")
	}
}
