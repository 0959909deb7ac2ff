// Hard negative: HQL built from the DAO's mapped entity class and constant clauses.
import org.hibernate.Query;

public class HibernateDataDAO<T> {

    protected Class<T> mappedClass;

    public int getAllCount(boolean includeVoided) {
        String hql = "select count(*)" + " from " + mappedClass;
        if (!includeVoided) {
            hql += " where voided = false";
        }
        Query query = sessionFactory.getCurrentSession().createQuery(hql);
        return ((Number) query.uniqueResult()).intValue();
    }
}
