// The administration pages, loaded together on first use.
export { AuditPage } from './audit.tsx';
export { EntitiesPage, EntityFormPage } from './entities.tsx';
export { OfficeFormPage, OfficesPage } from './offices.tsx';
export { UserFormPage, UsersPage } from './users.tsx';
