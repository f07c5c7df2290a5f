#!/usr/bin/perl
# Runs a command (./ablate's Java) with its standard error filtered, then exits with its exit code.
# TensorFlow's native library writes a start-up notice and INFO/WARNING lines before it reads
# TF_CPP_MIN_LOG_LEVEL (abseil logs everything until it is initialized), so these lines are dropped:
#   WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
#   I0000 00:00:1796229682.868374    2324 mlir_graph_optimization_pass.cc:401] MLIR V1 ...
# Everything else passes through at once, partial lines included (progress bars redraw with \r).
# SIGTERM and SIGHUP sent to this process are passed on to the command; SIGINT (Ctrl-C) reaches
# the command with the whole process group, so it is ignored here. Output ends before the exit.
#   perl scripts/filter-tf-logs.pl java -jar experiments/target/ablate.jar list
use strict;
use warnings;
use POSIX ();

pipe(my $from_child, my $to_parent) or die "ablate: cannot create a pipe: $!\n";
my $pid = fork();
die "ablate: cannot start $ARGV[0]: $!\n" unless defined $pid;
if ($pid == 0) {
    close $from_child;
    open(STDERR, '>&', $to_parent) or POSIX::_exit(127);
    close $to_parent;
    { no warnings 'exec'; exec { $ARGV[0] } @ARGV; }
    print STDERR "ablate: cannot run $ARGV[0]: $!\n";
    POSIX::_exit(127);
}
close $to_parent;
$SIG{INT} = 'IGNORE';
$SIG{TERM} = sub { kill 'TERM', $pid };
$SIG{HUP}  = sub { kill 'HUP',  $pid };
$| = 1;
binmode STDERR;
select STDERR;

my $notice = 'WARNING: All log messages before absl::InitializeLog() is called';

sub noise {
    my ($line) = @_;
    return index($line, $notice) == 0 || $line =~ /^[IW]\d{4} [\d:.]+\s+\d+ \S+:\d+\] /;
}

# An unfinished line that may still turn out to be noise is held until its newline.
sub maybe_noise {
    my ($part) = @_;
    return index($notice, $part) == 0 || index($part, $notice) == 0 || $part =~ /^[IW](\d|$)/;
}

my $buf     = '';
my $passing = 0;    # the current line is not noise and is being passed through
while (1) {
    my $n = sysread($from_child, my $chunk, 65536);
    if (!defined $n) {
        next if $!{EINTR};
        last;
    }
    last if $n == 0;
    $buf .= $chunk;
    while (length $buf) {
        my $i = index($buf, "\n");
        if ($passing) {
            if ($i < 0) { print $buf; $buf = ''; last; }
            print substr($buf, 0, $i + 1);
            $buf     = substr($buf, $i + 1);
            $passing = 0;
            next;
        }
        if ($i >= 0) {
            my $line = substr($buf, 0, $i + 1);
            $buf = substr($buf, $i + 1);
            print $line unless noise($line);
            next;
        }
        last if maybe_noise($buf);
        print $buf;
        $buf     = '';
        $passing = 1;
        last;
    }
}
print $buf unless noise($buf);
while (waitpid($pid, 0) == -1 && $!{EINTR}) { }
my $status = $?;
exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);
