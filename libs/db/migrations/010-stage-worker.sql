-- Which worker ran a stage execution's latest attempt (its WORKER_NAME), so a run's history shows stages
-- moving between workers. Null until a worker starts the stage; executions from before this column stay null.
ALTER TABLE stage_executions ADD COLUMN worker text;
