-- A schema migration names its constraints and indexes by the columns they cover.
IF NOT EXISTS(SELECT 1 FROM sys.check_constraints WHERE name = 'CHK_TokenQuantityCompositeSearchParam_CodeOverflow1')
  EXECUTE sp_rename 'TokenDateTimeCompositeSearchParam.IX_Code1_EndDateTime2_StartDateTime2_INCLUDE_SystemId1_WHERE_IsLongerThanADay2_1', 'IX_SearchParamId_Code1_EndDateTime2', 'INDEX';
