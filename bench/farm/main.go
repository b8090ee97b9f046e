// Command farm holds a share of the benchmark's socket farm: a listener
// and -pairs established TCP connections to it over loopback (both ends
// held, so 2 sockets per pair), plus -listeners more listening sockets and
// -udp bound UDP sockets. It prints "ready N" (N sockets held) on stdout
// and then holds them until stdin reaches end of file or it is killed.
//
// Each holder uses its own addresses, 127.0.1.ID as the server and
// 127.0.2.ID as the source, so holders never compete for ports.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// batch is how many connections are made before they are accepted; it
// stays under the listen backlog so that no SYN is ever dropped.
const batch = 1000

func main() {
	id := flag.Int("id", 0, "holder number, 0..253: picks the addresses 127.0.1.ID and 127.0.2.ID")
	pairs := flag.Int("pairs", 9000, "established connections to make (each holds 2 fds)")
	listeners := flag.Int("listeners", 0, "extra listening TCP sockets")
	udp := flag.Int("udp", 0, "bound UDP sockets")
	flag.Parse()
	n, err := build(*id, *pairs, *listeners, *udp)
	if err != nil {
		fmt.Fprintf(os.Stderr, "farm %d: %v\n", *id, err)
		os.Exit(1)
	}
	fmt.Printf("ready %d\n", n)
	io.Copy(io.Discard, os.Stdin) // hold until the driver lets go
}

// build makes the sockets and returns how many it holds.
func build(id, pairs, listeners, udp int) (int, error) {
	if id < 0 || id > 253 {
		return 0, fmt.Errorf("id %d out of range", id)
	}
	server := [4]byte{127, 0, 1, byte(id + 1)}
	source := [4]byte{127, 0, 2, byte(id + 1)}
	ln, err := listenTCP(server, 5000)
	if err != nil {
		return 0, err
	}
	held := 1
	for done := 0; done < pairs; {
		k := min(batch, pairs-done)
		for range k {
			if err := dial(source, server, 5000); err != nil {
				return held, fmt.Errorf("connect after %d pairs: %w", done, err)
			}
		}
		for range k {
			if _, _, err := unix.Accept4(ln, unix.SOCK_CLOEXEC); err != nil {
				return held, fmt.Errorf("accept: %w", err)
			}
		}
		done += k
		held += 2 * k
	}
	for i := range listeners {
		if _, err := listenTCP(server, 6000+i); err != nil {
			return held, err
		}
		held++
	}
	for i := range udp {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return held, err
		}
		if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: server, Port: 7000 + i}); err != nil {
			return held, fmt.Errorf("bind udp: %w", err)
		}
		held++
	}
	return held, nil
}

// listenTCP opens a TCP listener on addr:port with a backlog above batch.
func listenTCP(addr [4]byte, port int) (int, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: addr, Port: port}); err != nil {
		return -1, fmt.Errorf("bind %v:%d: %w", addr, port, err)
	}
	if err := unix.Listen(fd, 2*batch); err != nil {
		return -1, err
	}
	return fd, nil
}

// dial connects a blocking socket from source (any port) to server:port.
func dial(source, server [4]byte, port int) error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: source}); err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	return unix.Connect(fd, &unix.SockaddrInet4{Addr: server, Port: port})
}
