// A worker thread that dies as soon as it starts (tests of the analyze pool's fallback).
process.exit(3);
