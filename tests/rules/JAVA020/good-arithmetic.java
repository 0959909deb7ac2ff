// Hard negative: numbers computed in place (arithmetic, casts, loop indexes) cannot carry SQL.
import org.hibernate.Query;

public class PersonSearchDAO {

    public Query similarPeople(String[] names, Integer birthyear) {
        StringBuilder q = new StringBuilder("select p from Person p join p.names pname where ");
        for (int i = 0; i < names.length; i++) {
            q.append(" soundex(pname.givenName) = soundex(:n").append(i + 1).append(")");
        }
        q.append(" and score >= ").append((int) (names.length * .75));
        String birthdayMatch = " (year(p.birthdate) between " + (birthyear - 1) + " and " + (birthyear + 1) + ") ";
        q.append(" and ").append(birthdayMatch);
        return sessionFactory.getCurrentSession().createQuery(q.toString());
    }
}
