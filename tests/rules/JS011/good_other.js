// Not express-session: a session helper of another library.
const session = useSession();
const s = session({ user: u });
