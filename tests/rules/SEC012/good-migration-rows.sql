-- A migration tool's own bookkeeping rows: change ids, authors, file names and checksums.
insert  into `liquibasechangelog`(`ID`,`AUTHOR`,`FILENAME`,`MD5SUM`,`DESCRIPTION`) values ('20090402-1515-38-cohort','bwolfe','liquibase-update-to-latest.xml','3:ccc4741ff492cb385f44e714053920af','Kq8vR3zLp2WnHx7tVb6mQ1Zz4nW8sQe1TyPv6mLk9cRw');
INSERT INTO public.flyway_schema_history (installed_rank, version, script, checksum) VALUES (1, '1', 'V1__init.sql', 'Hq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOp');
