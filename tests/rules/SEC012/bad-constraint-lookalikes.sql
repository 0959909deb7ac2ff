-- A credential stored beside the schema is still a credential, underscores or not.
-- expect: SEC012
INSERT INTO ServiceAccount (Name, ApiKey) VALUES ('reporting', 'q7Rk2VbN9xT4_mWc8LpZ3hY6fJd1sGa5eUo0');
