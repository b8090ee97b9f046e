// Command netstat prints network connections, routing tables, interface
// statistics, masquerade connections and multicast memberships, exactly as
// net-tools 2.10 netstat does.
package main

import (
	"io"
	"os"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run is the whole program: parse argv, print the chosen table, return the
// exit status.
func run(argv []string, stdout, stderr *os.File) int {
	opts, code, done := cli.Parse(argv, stdout, stderr)
	if done {
		return code
	}
	out := newOutput(stdout)
	defer out.Flush()
	return dispatch(opts, out, stderr)
}

// repeat runs pass once, or with -c every second until a pass fails (or a
// signal ends the process), flushing the output after each pass as
// net-tools does before it sleeps. Tests may shorten the pause with
// NETSTAT_TEST_INTERVAL (see passInterval).
func repeat(opts *cli.Options, out *output, pass func() int) int {
	interval := passInterval()
	for {
		rc := pass()
		if !opts.Continuous || rc != 0 {
			return rc
		}
		out.Flush()
		time.Sleep(interval)
	}
}

var _ io.Writer = (*output)(nil)
