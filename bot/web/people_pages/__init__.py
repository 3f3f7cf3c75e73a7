"""The people page of a programme, the operators' page of set-aside events and jobs, and the
programme-file page (export and import)."""
