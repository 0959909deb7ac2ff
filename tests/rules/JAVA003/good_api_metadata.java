// Synthetic code. The links of an API description (contact, licence, terms) are shown to a
// reader of the documentation, never requested.
class ApiDocs {
    void describe(Swagger swagger) {
        final Info info = new Info()
                .title("Clinic API")
                .contact(new Contact().name("Clinic").url("http://openmrs.clinic-project.org"))
                .license(new License().name("MPL-2.0").url("http://openmrs.clinic-project.org/license"))
                .termsOfService("http://openmrs.clinic-project.org/terms");
        swagger.info(info);
    }
}
