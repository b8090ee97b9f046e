// Command netstat-exporter serves the network state netstat reads as
// Prometheus metrics: on each scrape it samples the kernel's socket
// tables, protocol and interface counters and connection tracking usage
// through the same packages as netstat, and runs the --check diagnoses.
// It is a binary of its own so that netstat never links the Prometheus
// client.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// init keeps the main goroutine on the main thread: the thread whose
// network namespace /proc/self/net shows, which the samples of other
// namespaces are taken on (see thread_linux.go).
func init() { runtime.LockOSThread() }

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// shutdownGrace is how long scrapes in progress may take to finish after
// SIGTERM.
const shutdownGrace = 5 * time.Second

// run is the program: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	f, code, done := parseFlags(args, stdout, stderr)
	if done {
		return code
	}
	if err := checkWebConfig(f.webConfigFile); err != nil {
		fmt.Fprintf(stderr, "netstat-exporter: %v\n", err)
		return 1
	}
	th, err := newMainThread()
	if err != nil {
		fmt.Fprintf(stderr, "netstat-exporter: %v\n", err)
		return 1
	}
	handler, err := newHandler(f, th)
	if err != nil {
		fmt.Fprintf(stderr, "netstat-exporter: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", f.listenAddress)
	if err != nil {
		fmt.Fprintf(stderr, "netstat-exporter: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "netstat-exporter: listening on %s, metrics at %s\n", ln.Addr(), f.telemetryPath)

	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- serve(srv, ln, f, stderr) }()

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	stop := make(chan struct{})
	var serveErr error
	go func() {
		select {
		case sig := <-signals:
			fmt.Fprintf(stderr, "netstat-exporter: %v, shutting down\n", sig)
			ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
			defer cancel()
			srv.Shutdown(ctx)
			<-served
		case serveErr = <-served:
		}
		close(stop)
	}()
	th.serve(stop)
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "netstat-exporter: %v\n", serveErr)
		return 1
	}
	return 0
}
