// A String field next to a Class field: the text one still carries SQL.
import org.hibernate.Query;

public class HibernateSearchDAO<T> {

    protected Class<T> mappedClass;
    protected String orderBy;

    public java.util.List<T> search(String orderBy) {
        this.orderBy = orderBy;
        String hql = "from " + mappedClass + " order by " + this.orderBy;
        // expect: JAVA020
        Query query = sessionFactory.getCurrentSession().createQuery(hql);
        return query.list();
    }
}
