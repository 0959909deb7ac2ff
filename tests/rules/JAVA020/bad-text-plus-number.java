// Text joined to a number is still text: a parameter's value carries SQL.
import org.hibernate.Query;

public class PersonNameDAO {

    public Query byName(String name, int limit) {
        String hql = "from PersonName pn where pn.givenName = '" + name + "' and rownum < " + (limit + 1);
        // expect: JAVA020
        return sessionFactory.getCurrentSession().createQuery(hql);
    }
}
