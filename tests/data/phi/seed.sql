-- synthetic seed data
CREATE TABLE public.members (
    id integer NOT NULL,
    member_id character varying(20),
    full_name text,
    aadhaar character varying(12),
    created_at timestamp
);
COPY public.members (id, member_id, full_name, aadhaar, created_at) FROM stdin;
1	HX55120931	Aarav Sharma	723279282015	2026-01-01 10:00:00
2	HX55120932	Fatima Khan	\N	2026-01-02 10:00:00
\.
INSERT INTO public.visits (id, member_id, reason) VALUES (1, 'HX55120931', 'follow-up');
