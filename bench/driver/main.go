// Command driver is the inside half of bench/run: run in a fresh network
// namespace, it builds the socket farm (holder processes of bench/farm),
// then times our netstat, net-tools netstat and ss on it, alternating the
// tools on every repetition, and prints a table of milliseconds, ratios and
// peak RSS. With -then it runs a shell command on the farm instead (for
// profiling), and with either it stops every holder it started on exit.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"

	"golang.org/x/sys/unix"
)

// config is the command line.
type config struct {
	conns     int
	perHolder int
	listeners int
	udp       int
	reps      int
	runLimit  time.Duration
	deadline  time.Duration
	ours      string
	netstat   string
	ss        string
	farm      string
	kdump     string
	then      string
}

func main() {
	var c config
	flag.IntVar(&c.conns, "n", 100000, "established TCP connections in the farm (2 sockets each)")
	flag.IntVar(&c.perHolder, "per-holder", 9000, "connections per holder process (at most 9000)")
	flag.IntVar(&c.listeners, "listeners", 100, "extra TCP listeners")
	flag.IntVar(&c.udp, "udp", 100, "bound UDP sockets")
	flag.IntVar(&c.reps, "reps", 5, "timed runs of each command")
	flag.DurationVar(&c.runLimit, "run-limit", 2*time.Minute, "kill one run after this long")
	flag.DurationVar(&c.deadline, "deadline", 20*time.Minute, "stop starting runs after this long")
	flag.StringVar(&c.ours, "ours", "bin/netstat", "our netstat binary")
	flag.StringVar(&c.netstat, "netstat", "/usr/bin/netstat", "net-tools netstat")
	flag.StringVar(&c.ss, "ss", "ss", "iproute2 ss")
	flag.StringVar(&c.farm, "farm", "bench/bin/farm", "the holder binary")
	flag.StringVar(&c.kdump, "kdump", "bench/bin/kdump", "the lower-bound binary")
	flag.StringVar(&c.then, "then", "", "run this shell command on the farm instead of timing")
	flag.Parse()
	os.Exit(run(&c))
}

func run(c *config) int {
	start := time.Now()
	if c.perHolder < 1 || c.perHolder > 9000 {
		fmt.Fprintln(os.Stderr, "driver: -per-holder must be 1..9000")
		return 2
	}
	if err := prepareNetNS(); err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		return 1
	}
	f, err := startFarm(c)
	defer f.stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		return 1
	}
	fmt.Printf("farm: %d holders, %d sockets held, built in %v\n",
		len(f.holders), f.sockets, f.built.Round(time.Millisecond))
	if out, err := exec.Command(c.kdump, "-v").Output(); err == nil {
		fmt.Printf("kernel TCP table: %s", out)
	}
	if c.then != "" {
		cmd := exec.Command("sh", "-c", c.then)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "driver: -then:", err)
			return 1
		}
		return 0
	}
	res := measure(c, start.Add(c.deadline))
	printTable(os.Stdout, c, res)
	return 0
}

// prepareNetNS brings up loopback, widens the ephemeral port range and
// raises the fd limit (inherited by the holders) to its hard limit. The
// namespace is new, so its sysctls need no restoring.
func prepareNetNS() error {
	if out, err := exec.Command("ip", "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return fmt.Errorf("ip link set lo up: %v: %s", err, out)
	}
	if err := os.WriteFile("/proc/sys/net/ipv4/ip_local_port_range", []byte("1024 65535\n"), 0); err != nil {
		return err
	}
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	lim.Cur = lim.Max
	return unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
}
