"""Batch runs: JSONL files of clusters in, one JSON line per cluster out, in input order.

- `records`: the output line of one cluster, the same on every engine; a cluster that cannot be summarized,
  or takes longer than its time limit, is a line with an ``error`` field, and the run goes on (a cluster is
  summarized in a child process, `newsbrief.isolated`, so that one past its time limit can be stopped);
- `local`: the batch in this process (`run_batch`); `dask`: on a Dask cluster (`run_dask_batch`).
"""
